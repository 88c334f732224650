package io.bkmonitorbeat.hostcommon;

import java.util.Map;

/**
 * Names of file system magic numbers, as gopsutil reports them in {@code usage[].fstype} (for
 * example ext4 is {@code ext2/ext3}); unknown magics are {@code ""}. Stateless.
 */
public final class FsTypes {
  private static final Map<Long, String> NAMES = Map.ofEntries(
      Map.entry(0xADF5L, "adfs"), Map.entry(0xADFFL, "affs"), Map.entry(0x0187L, "autofs"),
      Map.entry(0x62646576L, "bdevfs"), Map.entry(0x42465331L, "befs"),
      Map.entry(0x42494e4dL, "binfmt_misc"), Map.entry(0x9123683EL, "btrfs"),
      Map.entry(0x27e0ebL, "cgroupfs"), Map.entry(0x63677270L, "cgroup2fs"),
      Map.entry(0xFF534D42L, "cifs"), Map.entry(0x28cd3d45L, "cramfs"),
      Map.entry(0x64626720L, "debugfs"), Map.entry(0x1cd1L, "devpts"),
      Map.entry(0xf15fL, "ecryptfs"), Map.entry(0x137DL, "ext"), Map.entry(0xEF51L, "ext2"),
      Map.entry(0xEF53L, "ext2/ext3"), Map.entry(0xF2F52010L, "f2fs"),
      Map.entry(0x65735546L, "fuse"), Map.entry(0x958458f6L, "hugetlbfs"),
      Map.entry(0x9660L, "isofs"), Map.entry(0x72B6L, "jffs2"), Map.entry(0x3153464aL, "jfs"),
      Map.entry(0x19800202L, "mqueue"), Map.entry(0x4d44L, "msdos"), Map.entry(0x6969L, "nfs"),
      Map.entry(0x6e667364L, "nfsd"), Map.entry(0x3434L, "nilfs"), Map.entry(0x5346544EL, "ntfs"),
      Map.entry(0x7461636fL, "ocfs2"), Map.entry(0x794c7630L, "overlayfs"),
      Map.entry(0x9fa0L, "proc"), Map.entry(0x6165676CL, "pstorefs"),
      Map.entry(0x858458f6L, "ramfs"), Map.entry(0x52654973L, "reiserfs"),
      Map.entry(0x7275L, "romfs"), Map.entry(0x67596969L, "rpc_pipefs"),
      Map.entry(0x73636673L, "securityfs"), Map.entry(0xf97cff8cL, "selinux"),
      Map.entry(0x517BL, "smb"), Map.entry(0x534F434BL, "sockfs"),
      Map.entry(0x73717368L, "squashfs"), Map.entry(0x62656572L, "sysfs"),
      Map.entry(0x01021994L, "tmpfs"), Map.entry(0x15013346L, "udf"),
      Map.entry(0x00011954L, "ufs"), Map.entry(0x01021997L, "v9fs"),
      Map.entry(0xa501FCF5L, "vxfs"), Map.entry(0xabba1974L, "xenfs"),
      Map.entry(0x58465342L, "xfs"), Map.entry(0x2FC12FC1L, "zfs"),
      Map.entry(0x47504653L, "gpfs"), Map.entry(0x4244L, "hfs"));

  private FsTypes() {}

  /** Returns the name of a statfs {@code f_type}; only the low 32 bits are significant. */
  public static String name(long magic) {
    return NAMES.getOrDefault(magic & 0xFFFFFFFFL, "");
  }
}
