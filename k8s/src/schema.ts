import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Job } from 'kubernetes-models/batch/v1';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Namespace, Secret, Service } from 'kubernetes-models/v1';
import type { TK8sObject } from './render';

/**
 * Validators compiled from the Kubernetes OpenAPI schemas (kubernetes-models): types, required
 * fields, enums and formats (int32, int-or-string, quantities) of every field the manifests use.
 */
type TModelClass = new (data: never) => { validate(): void };

const MODELS: Record<string, TModelClass> = {
  'v1/Namespace': Namespace,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'batch/v1/Job': Job,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'networking.k8s.io/v1/Ingress': Ingress,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
};

/** The schema errors of one object; an apiVersion/kind without a schema here is an error too. */
export function schemaErrors(object: TK8sObject): string[] {
  const Model = MODELS[`${object.apiVersion}/${object.kind}`];
  if (!Model) return [`no schema for ${object.apiVersion} ${object.kind}: add it to k8s/src/schema.ts`];
  const { apiVersion: _apiVersion, kind: _kind, ...data } = object;
  try {
    new Model(data as never).validate();
    return [];
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  }
}
