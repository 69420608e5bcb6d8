/**
 * A region's IMDS defaults for new launches (Get/ModifyInstanceMetadataDefaults): requiring IMDSv2 there
 * ({@code enforce region-defaults}) and putting the journaled before-state back ({@code enforce rollback}).
 * Existing instances are never touched here; the count of those that still allow IMDSv1 points at
 * {@code enforce instances}.
 */
package io.imdsguard.enforce.defaults;
