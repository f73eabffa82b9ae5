create service nodeport np --tcp 8080:80 --node-port 30080 --dry-run=client -o yaml
