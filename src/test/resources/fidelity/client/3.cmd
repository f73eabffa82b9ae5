create namespace shop --dry-run=client -o yaml
