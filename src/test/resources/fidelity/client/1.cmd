create service nodeport np --tcp 8080:80 --dry-run=client -o json
