create namespace shop --dry-run=client -o json
