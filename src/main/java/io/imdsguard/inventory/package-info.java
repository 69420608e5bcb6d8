/**
 * The inventory snapshot: immutable records for every resource the analyzers read, with AWS
 * defaults filled in at construction, serialised to versioned JSON by {@link io.imdsguard.inventory.SnapshotIO}.
 * No AWS SDK type appears here; {@code io.imdsguard.collect} maps SDK responses onto these records.
 */
package io.imdsguard.inventory;
