/**
 * Where to find an existing cluster by name.
 */
export interface ExistingClusterOptions {
  /**
   * GKE: the cluster's location (a region for regional clusters, a zone for zonal ones).
   * @default - the target's region
   */
  readonly location?: string;
  /**
   * AKS: the resource group that holds the cluster.
   * @default - the target's resource group
   */
  readonly resourceGroupName?: string;
}

/**
 * A reference to a Kubernetes cluster that already exists (EKS, GKE or AKS). A `GpuPool` given one adds its node
 * pool to that cluster and creates no cluster, network or control-plane key.
 *
 * - EKS: `ExistingCluster.fromName('prod')` or `ExistingCluster.fromId('arn:aws:eks:…:cluster/prod')`; node subnets
 *   come from the target (`awscdk.AwsCdkTarget({ vpc, vpcSubnets })`).
 * - GKE: `ExistingCluster.fromName('prod', { location: 'us-central1' })` or
 *   `ExistingCluster.fromId('projects/p/locations/us-central1/clusters/prod')`. An id that is a token (known only at
 *   apply, e.g. `google_container_cluster.id`) gives the pool its location through Terraform.
 * - AKS: `ExistingCluster.fromId('/subscriptions/…/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/prod')`
 *   or `ExistingCluster.fromName('prod', { resourceGroupName: 'rg' })` (looked up with a data source).
 */
export class ExistingCluster {
  /** An existing cluster by name. */
  public static fromName(name: string, options: ExistingClusterOptions = {}): ExistingCluster {
    return new ExistingCluster(name, undefined, options ?? {});
  }

  /** An existing cluster by its cloud id: EKS ARN, GKE resource id, or AKS ARM id. */
  public static fromId(id: string): ExistingCluster {
    return new ExistingCluster(undefined, id, {});
  }

  /**
   * Cluster name, when referenced by name.
   */
  public readonly name?: string;
  /**
   * Cloud id, when referenced by id.
   */
  public readonly id?: string;
  /**
   * GKE location, when given.
   */
  public readonly location?: string;
  /**
   * AKS resource group, when given.
   */
  public readonly resourceGroupName?: string;

  private constructor(name: string | undefined, id: string | undefined, options: ExistingClusterOptions) {
    this.name = name;
    this.id = id;
    this.location = options.location;
    this.resourceGroupName = options.resourceGroupName;
  }

  /** How the reference reads in messages. */
  public toString(): string {
    return this.id !== undefined ? `ExistingCluster.fromId(${JSON.stringify(this.id)})` : `ExistingCluster.fromName(${JSON.stringify(this.name)})`;
  }
}
