/**
 * A polling file tailer shared by the keyword and kubeevent plugins: {@link
 * io.bkmonitorbeat.tail.Tailer} discovers files by glob ({@link io.bkmonitorbeat.tail.FileDiscovery}),
 * follows each one with a bounded reader ({@link io.bkmonitorbeat.tail.Harvester}) that cuts
 * over-long lines, and keeps per-file offsets in a registry file ({@link
 * io.bkmonitorbeat.tail.Registry}) in the task's state directory, so that a restart resumes where
 * the last commit left off.
 *
 * <p>File identity is the device and inode plus a fingerprint of the file's first bytes ({@link
 * io.bkmonitorbeat.tail.Fingerprint}, as Filebeat 9's fingerprint identity): a renamed file keeps
 * its offset, a truncated (copytruncate) or replaced file starts again at 0, a reused inode is not
 * mistaken for the old file, and a copy of a file resumes at the original's offset.
 *
 * <p>This library is shaded into each plugin jar and depends on the JDK only. Every parameter and
 * return value is non-null unless its javadoc says otherwise.
 */
package io.bkmonitorbeat.tail;
