create service loadbalancer lb --tcp 443:8443 --tcp 80 --dry-run=client -o yaml
