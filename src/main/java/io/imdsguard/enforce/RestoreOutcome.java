package io.imdsguard.enforce;

/**
 * What a rollback did, or in a dry run would do, for one target.
 *
 * @param target the instance id, or the region for region defaults
 * @param detail for people: the settings restored, AWS's error, why it was refused
 */
public record RestoreOutcome(String action, String account, String region, String target, String name, Status status,
                             MetadataSettings restoredTo, String detail) {

    public enum Status {
        /** Dry run: permission proven, would restore. */
        WOULD_RESTORE,
        /** Restored and read back. */
        RESTORED,
        /** The target already had its before-state; no call was made. */
        ALREADY_RESTORED,
        /** The instance is gone. */
        VANISHED,
        /** Not restored: AWS refused (the dry run or the call), or the journal is for another account. */
        FAILED;

        /** Whether the target ends (or, in a dry run, would end) in its before-state. */
        public boolean ok() {
            return this != FAILED;
        }
    }
}
