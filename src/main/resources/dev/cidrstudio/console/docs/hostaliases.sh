# "Adding entries to Pod /etc/hosts with HostAliases", as the page runs it.
kubectl run nginx --image nginx
kubectl get pods --output=wide
kubectl exec nginx -- cat /etc/hosts
kubectl apply -f https://k8s.io/examples/service/networking/hostaliases-pod.yaml
kubectl get pod --output=wide
kubectl logs hostaliases-pod
