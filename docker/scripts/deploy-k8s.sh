#!/usr/bin/env bash
# Deploy one image tag of LumenForge to one Kubernetes environment (used by .github/workflows/deploy.yml;
# runs the same from a workstation with kubectl, kustomize, yq (mikefarah v4, as on GitHub's runners,
# or the jq wrapper) and a kubeconfig for the cluster).
#
#   docker/scripts/deploy-k8s.sh <development|staging|production> <image-tag> <registry>
#   e.g. docker/scripts/deploy-k8s.sh staging sha-1a2b3c4 ghcr.io/lumenforge
#
# 1. sets the image tags in k8s/overlays/<environment> (kustomize edit set image lumenforge/<image>=…)
# 2. renders the overlay and checks every app Deployment and the migration Job use <registry>/<image>:<tag>
# 3. runs the migration Job (k8s/base/platform/migrate-job.yaml) first (Namespaces, ConfigMaps, Secrets, ServiceAccounts before them)
#    and stops if a migration fails
# 4. kubectl apply -k k8s/overlays/<environment>
# 5. waits for every Deployment's rollout
# 6. smoke check: GET /api/health inside every app Deployment (HTTP 200 = ok or degraded)
set -euo pipefail

ENVIRONMENT="${1:?usage: deploy-k8s.sh <environment> <image-tag> <registry>}"
TAG="${2:?image tag (sha-<short>, a release such as 1.2.3, or main)}"
REGISTRY="${3:?registry, e.g. ghcr.io/<owner> or 192.168.86.27:5000/wissil}"
TIMEOUT="${DEPLOY_TIMEOUT:-10m}"

case "${ENVIRONMENT}" in
  development | staging | production) ;;
  *) echo "deploy-k8s: unknown environment '${ENVIRONMENT}'" >&2; exit 2 ;;
esac

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
OVERLAY="${ROOT}/k8s/overlays/${ENVIRONMENT}"
APPS=(landing slate ignition spark ignis waypoint)
IMAGES=("${APPS[@]}" identity migrate ignis-worker)
RENDERED="$(mktemp --suffix=.yaml)"
trap 'rm -f "${RENDERED}"' EXIT

[ -f "${OVERLAY}/kustomization.yaml" ] || { echo "deploy-k8s: ${OVERLAY}/kustomization.yaml is missing" >&2; exit 1; }

echo "::group::1. image tags in k8s/overlays/${ENVIRONMENT}"
(
  cd "${OVERLAY}"
  for image in "${IMAGES[@]}"; do
    kustomize edit set image "lumenforge/${image}=${REGISTRY}/${image}:${TAG}"
  done
)
echo "::endgroup::"

echo "::group::2. render and check the images"
kubectl kustomize "${OVERLAY}" > "${RENDERED}"
for app in "${APPS[@]}"; do
  expected="${REGISTRY}/${app}:${TAG}"
  found="$(yq -r "select(.kind == \"Deployment\") | .spec.template.spec.containers[].image | select(. == \"${expected}\")" "${RENDERED}")"
  if [ -z "${found}" ]; then
    echo "deploy-k8s: no Deployment runs ${expected}; does k8s/base/${app} use the image name lumenforge/${app}?" >&2
    exit 1
  fi
done
echo "::endgroup::"

echo "::group::3. migrations"
# What the Job needs first: the namespace, config, secrets, and the network policies (default deny
# plus the egress to PostgreSQL), so the migration runs under the same rules as the apps.
yq 'select(.kind == "Namespace" or .kind == "ConfigMap" or .kind == "Secret" or .kind == "ServiceAccount" or .kind == "NetworkPolicy")' \
  "${RENDERED}" | kubectl apply -f -
# The migration Job of k8s/base/platform (label lumenforge.io/deploy-phase=migrate); Jobs are
# immutable, so the previous run is deleted first.
MIGRATE_JOBS='select(.kind == "Job" and .metadata.labels["lumenforge.io/deploy-phase"] == "migrate")'
mapfile -t JOBS < <(yq -r "${MIGRATE_JOBS} | (.metadata.namespace // \"default\") + \"/\" + .metadata.name" "${RENDERED}")
for job in "${JOBS[@]}"; do
  kubectl delete job --namespace "${job%%/*}" "${job##*/}" --ignore-not-found --wait=true
done
if [ "${#JOBS[@]}" -gt 0 ]; then
  yq "${MIGRATE_JOBS}" "${RENDERED}" | kubectl apply -f -
fi
for job in "${JOBS[@]}"; do
  namespace="${job%%/*}" name="${job##*/}"
  echo "waiting for job ${job}"
  deadline=$((SECONDS + 600))
  while :; do
    succeeded="$(kubectl get job --namespace "${namespace}" "${name}" -o jsonpath='{.status.succeeded}')"
    failed="$(kubectl get job --namespace "${namespace}" "${name}" -o jsonpath='{.status.conditions[?(@.type=="Failed")].status}')"
    if [ "${succeeded:-0}" -ge 1 ]; then break; fi
    if [ "${failed}" = True ] || [ "${SECONDS}" -gt "${deadline}" ]; then
      kubectl logs --namespace "${namespace}" "job/${name}" --all-containers --tail=200 || true
      echo "deploy-k8s: migration job ${job} failed; nothing else was rolled out" >&2
      exit 1
    fi
    sleep 5
  done
  kubectl logs --namespace "${namespace}" "job/${name}" --all-containers --tail=50 || true
done
echo "::endgroup::"

echo "::group::4. apply"
kubectl apply -k "${OVERLAY}"
echo "::endgroup::"

echo "::group::5. rollouts"
mapfile -t DEPLOYMENTS < <(yq -r 'select(.kind == "Deployment") | (.metadata.namespace // "default") + "/" + .metadata.name' "${RENDERED}")
for deployment in "${DEPLOYMENTS[@]}"; do
  kubectl rollout status --namespace "${deployment%%/*}" "deployment/${deployment##*/}" --timeout="${TIMEOUT}"
done
echo "::endgroup::"

echo "::group::6. smoke check /api/health"
for app in "${APPS[@]}"; do
  expected="${REGISTRY}/${app}:${TAG}"
  target="$(yq -r "select(.kind == \"Deployment\" and (.spec.template.spec.containers[].image == \"${expected}\")) | (.metadata.namespace // \"default\") + \"/\" + .metadata.name" "${RENDERED}" | head -n 1)"
  kubectl exec --namespace "${target%%/*}" "deployment/${target##*/}" -- node -e \
    "fetch('http://127.0.0.1:'+process.env.PORT+'/api/health').then(async r=>{console.log('${app}',r.status,(await r.text()).slice(0,300));process.exit(r.ok?0:1)}).catch(e=>{console.error('${app}',e.message);process.exit(1)})"
done
echo "::endgroup::"

echo "deploy-k8s: ${ENVIRONMENT} runs ${REGISTRY}/*:${TAG}"
