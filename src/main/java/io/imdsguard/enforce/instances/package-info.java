/**
 * {@code enforce instances} and the rollback of its changes: targets read in bulk per region
 * ({@link io.imdsguard.enforce.instances.InstanceDescriber}), a decision per target from its metadata options and
 * its evidence of IMDSv1 use ({@link io.imdsguard.enforce.instances.Planner}), DryRun proof, journaled
 * ModifyInstanceMetadataOptions calls sending every field, and the bulk wait for {@code applied}
 * ({@link io.imdsguard.enforce.instances.Enforcer}); {@link io.imdsguard.enforce.instances.InstanceRestorer}
 * undoes them.
 */
package io.imdsguard.enforce.instances;
