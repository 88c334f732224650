package io.bkmonitorbeat.plugin.metricbeat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body collected into a byte array of at most {@code limit} bytes: a larger body
 * cancels the exchange and fails with {@link TooLarge}, so a runaway exporter cannot exhaust the
 * agent's memory. Not shared between responses.
 */
final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
  private final long limit;
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private byte[] buffer = new byte[8192];
  private int size;
  private Flow.Subscription subscription;

  /** The body was larger than allowed. */
  static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge(long limit) {
      super("response body larger than " + limit + " bytes (max_body_bytes)");
    }
  }

  LimitedBody(long limit) {
    this.limit = limit;
  }

  static HttpResponse.BodyHandler<byte[]> handler(long limit) {
    return info -> new LimitedBody(limit);
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    s.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    if (result.isDone()) {
      return;
    }
    for (ByteBuffer item : items) {
      int n = item.remaining();
      if ((long) size + n > limit) {
        subscription.cancel();
        result.completeExceptionally(new TooLarge(limit));
        return;
      }
      if (size + n > buffer.length) {
        buffer = Arrays.copyOf(buffer, (int) Math.min(Integer.MAX_VALUE - 8,
            Math.max((long) size + n, (long) buffer.length * 2)));
      }
      item.get(buffer, size, n);
      size += n;
    }
  }

  @Override
  public void onError(Throwable throwable) {
    result.completeExceptionally(throwable);
  }

  @Override
  public void onComplete() {
    result.complete(size == buffer.length ? buffer : Arrays.copyOf(buffer, size));
  }
}
