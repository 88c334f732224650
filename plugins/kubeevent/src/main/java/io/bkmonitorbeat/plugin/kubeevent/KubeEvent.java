package io.bkmonitorbeat.plugin.kubeevent;

import java.time.Instant;
import java.util.Objects;

/**
 * The fields of one Kubernetes {@code Event} that the aggregation uses (spec 10.2). Immutable.
 *
 * @param identity MD5 hex of {@code reason/kind/namespace/name/uid}
 * @param first when it first happened
 * @param last when it last happened
 * @param count how many times it happened so far (at least 1)
 */
record KubeEvent(
    String identity,
    String reason,
    String message,
    String type,
    String component,
    String host,
    String uid,
    String kind,
    String namespace,
    String name,
    String apiVersion,
    Instant first,
    Instant last,
    long count) {

  KubeEvent {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(last, "last");
  }
}
