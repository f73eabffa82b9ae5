kubectl get servicecidr
kubectl get service kubernetes
kubectl get ipaddress 10.96.0.1
for i in $(seq 1 13); do kubectl create service clusterip "test-$i" --tcp 80 -o json | jq -r .spec.clusterIP; done
cat <<EOF | kubectl apply -f -
apiVersion: networking.k8s.io/v1
kind: ServiceCIDR
metadata:
  name: newcidr1
spec:
  cidrs:
  - 10.96.0.0/24
EOF
for i in $(seq 13 16); do kubectl create service clusterip "test-$i" --tcp 80 -o json | jq -r .spec.clusterIP; done
kubectl delete servicecidr newcidr1
kubectl get servicecidr newcidr1 -o yaml
for i in $(seq 13 16); do kubectl delete service "test-$i" ; done
kubectl get servicecidr newcidr1
