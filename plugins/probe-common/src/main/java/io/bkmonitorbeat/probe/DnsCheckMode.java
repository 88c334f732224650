package io.bkmonitorbeat.probe;

/** Which addresses of a domain are probed ({@code dns_check_mode}). */
public enum DnsCheckMode {
  /** Only the first address the resolver returns (after family filtering). */
  SINGLE,
  /** Every address the resolver returns (after family filtering). */
  ALL
}
