create service clusterip headless --clusterip None --dry-run=client -o yaml
