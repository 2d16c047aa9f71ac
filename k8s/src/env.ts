/** What the k8s tests read from the environment: the kubectl to render with (default: `kubectl` on PATH). */
export const KUBECTL = process.env['KUBECTL'] || 'kubectl';
