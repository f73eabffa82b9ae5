create service clusterip test-1 --tcp 80 --dry-run=client -o yaml
