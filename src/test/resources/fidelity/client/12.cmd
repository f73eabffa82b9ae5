create service clusterip web --tcp 80 -n shop --dry-run=client -o yaml
