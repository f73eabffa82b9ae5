create service externalname ext --external-name db.example.com --dry-run=client -o yaml
