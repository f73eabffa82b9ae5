create service clusterip web --tcp 80 --dry-run=client
