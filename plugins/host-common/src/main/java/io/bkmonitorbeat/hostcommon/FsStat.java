package io.bkmonitorbeat.hostcommon;

/**
 * The result of {@code statfs(2)} for one mount point.
 *
 * @param type the file system magic number ({@code f_type})
 * @param blockSize {@code f_bsize}
 * @param blocks total blocks
 * @param blocksFree free blocks
 * @param blocksAvailable blocks free for unprivileged users
 * @param files total inodes
 * @param filesFree free inodes
 */
public record FsStat(
    long type, long blockSize, long blocks, long blocksFree, long blocksAvailable, long files,
    long filesFree) {}
