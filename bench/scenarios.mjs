// Workspaces for the browser benchmarks: a classroom-sized one (~30 pods) and a large one
// (50 nodes, ~1,000 pods, 200 Services). `variant` changes one Deployment's replicas.

export function classroom(variant = 0) {
  const docs = [];
  for (let i = 0; i < 6; i++) docs.push(deploy(`app-${i}`, i === 0 ? 5 + (variant % 2) : 5), service(`app-${i}`));
  return docs.join('---\n');
}

export function large(variant = 0) {
  const docs = [];
  for (let i = 0; i < 50; i++)
    docs.push(`apiVersion: v1\nkind: Node\nmetadata:\n  name: node-${String(i).padStart(2, '0')}\nstatus:\n  capacity: {cpu: "16", memory: 64Gi, pods: "110"}\n`);
  for (let i = 0; i < 200; i++) docs.push(deploy(`svc-${i}`, i === 0 ? 5 + (variant % 2) : 5), service(`svc-${i}`));
  return docs.join('---\n');
}

const deploy = (name, replicas) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        resources: {requests: {cpu: 10m, memory: 16Mi}}
`;

const service = (name) => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  selector: {app: ${name}}
  ports: [{port: 80}]
`;
