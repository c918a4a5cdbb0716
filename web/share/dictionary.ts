// A preset DEFLATE dictionary of typical manifest text: a link's first Deployment then costs
// back-references instead of literals (the starter link is about half as long with it).
// FROZEN: links made with format "kp1" decode with exactly these bytes. To change it, add a new
// dictionary and a new format prefix; never edit this one.
export const DICTIONARY_KP1 = `{"v":1,"p":["workspace.yaml"],"n":[],"s":1,"t":0,"g":"cluster","w":"worker-1","sys":false}
nodes/worker-1/etc/kubernetes/manifests/ nodes/worker-2/ control-plane
apiVersion: kubeadm.k8s.io/v1beta4
kind: ClusterConfiguration
networking:
  podSubnet: 10.244.0.0/16
  serviceSubnet: 10.96.0.0/12
---
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
mode: ipvs
---
apiVersion: v1
kind: Node
metadata:
  name: worker-1
  labels:
    kubernetes.io/hostname: worker-1
spec:
  taints:
    - key: node-role.kubernetes.io/control-plane
      effect: NoSchedule
status:
  capacity:
    cpu: "4"
    memory: 8Gi
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: config
data:
---
apiVersion: apps/v1
kind: StatefulSet
---
apiVersion: apps/v1
kind: DaemonSet
---
apiVersion: batch/v1
kind: Job
spec:
  restartPolicy: Never
---
apiVersion: v1
kind: Pod
metadata:
  name: app
  namespace: default
spec:
  nodeSelector:
    disktype: ssd
  containers:
    - name: app
      image: busybox:1.36
      command: ["sh", "-c", "sleep 3600"]
      args: ["sleep", "30"]
      resources:
        requests:
          cpu: 100m
          memory: 64Mi
        limits:
          cpu: 500m
          memory: 128Mi
      readinessProbe:
        httpGet:
          path: /
          port: 80
        initialDelaySeconds: 5
        periodSeconds: 10
      livenessProbe:
        tcpSocket:
          port: 8080
---
apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  type: NodePort
  type: ClusterIP
  selector:
    app: api
  ports:
    - name: http
      protocol: TCP
      port: 8080
      targetPort: 80
      nodePort: 30080
---
# Edit the manifests; the cluster follows.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: nginx
          image: nginx:1.27
          ports:
            - containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
    - port: 80
      targetPort: 80
`;
