package io.bkmonitorbeat.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.bkmonitorbeat.api.ErrorCode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TargetResolverTest {
  private final List<String> lookedUp = Collections.synchronizedList(new ArrayList<>());
  private final ExecutorService pool = Executors.newCachedThreadPool();

  @AfterEach
  void shutDown() {
    pool.shutdownNow();
  }

  private static InetAddress ip(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  /** A fake DNS: example.com has two v4 and one v6 address, v4.only one v4, others fail. */
  private final NameResolver fakeDns =
      domain -> {
        lookedUp.add(domain);
        return switch (domain) {
          case "example.com" -> List.of(ip("10.0.0.1"), ip("2001:db8::1"), ip("10.0.0.2"));
          case "v4.only" -> List.of(ip("10.0.0.9"));
          case "empty.answer" -> List.of();
          default -> throw new UnknownHostException(domain + ": no such host");
        };
      };

  private List<ResolvedTarget> resolve(IpFamily family, DnsCheckMode mode, String... hosts)
      throws InterruptedException {
    return new TargetResolver(fakeDns, pool, Clock.systemUTC())
        .resolve(Arrays.asList(hosts), family, mode, Instant.now().plusSeconds(5));
  }

  private static List<InetAddress> addresses(ResolvedTarget target) {
    assertThat(target).isInstanceOf(ResolvedTarget.Addresses.class);
    return ((ResolvedTarget.Addresses) target).addresses();
  }

  private static ErrorCode code(ResolvedTarget target) {
    assertThat(target).isInstanceOf(ResolvedTarget.Failure.class);
    return ((ResolvedTarget.Failure) target).code();
  }

  @Test
  void singleTakesTheFirstAddressAllTakesEvery() throws Exception {
    assertThat(addresses(resolve(IpFamily.ANY, DnsCheckMode.SINGLE, "example.com").get(0)))
        .containsExactly(ip("10.0.0.1"));
    assertThat(addresses(resolve(IpFamily.ANY, DnsCheckMode.ALL, "example.com").get(0)))
        .containsExactly(ip("10.0.0.1"), ip("2001:db8::1"), ip("10.0.0.2"));
  }

  @Test
  void familyFilterKeepsOnlyThatFamily() throws Exception {
    assertThat(addresses(resolve(IpFamily.IPV6, DnsCheckMode.SINGLE, "example.com").get(0)))
        .containsExactly(ip("2001:db8::1"));
    assertThat(addresses(resolve(IpFamily.IPV4, DnsCheckMode.ALL, "example.com").get(0)))
        .containsExactly(ip("10.0.0.1"), ip("10.0.0.2"));
  }

  @Test
  void noAddressOfTheFamilyIsIpNotFoundAndNothingToProbeG22() throws Exception {
    List<ResolvedTarget> result = resolve(IpFamily.IPV6, DnsCheckMode.ALL, "v4.only");
    assertThat(result).hasSize(1);
    assertThat(code(result.get(0))).isEqualTo(ErrorCode.IP_NOT_FOUND);
    assertThat(result.get(0).host()).isEqualTo("v4.only");
  }

  @Test
  void lookupFailureAndEmptyAnswerAreDnsResolveFailed() throws Exception {
    List<ResolvedTarget> result =
        resolve(IpFamily.ANY, DnsCheckMode.SINGLE, "nx.invalid", "empty.answer");
    assertThat(result).extracting(TargetResolverTest::code)
        .containsExactly(ErrorCode.DNS_RESOLVE_FAILED, ErrorCode.DNS_RESOLVE_FAILED);
    assertThat(((ResolvedTarget.Failure) result.get(0)).reason()).contains("no such host");
  }

  @Test
  void literalsAreProbedAsIsWithoutLookup() throws Exception {
    List<ResolvedTarget> result =
        resolve(IpFamily.ANY, DnsCheckMode.SINGLE, "127.0.0.1", "::1", "[::1]", "[::1]:8080",
            "10.1.2.3:22");
    assertThat(result).extracting(TargetResolverTest::addresses).containsExactly(
        List.of(ip("127.0.0.1")), List.of(ip("::1")), List.of(ip("::1")), List.of(ip("::1")),
        List.of(ip("10.1.2.3")));
    assertThat(result).extracting(ResolvedTarget::host)
        .containsExactly("127.0.0.1", "::1", "[::1]", "[::1]:8080", "10.1.2.3:22");
    assertThat(lookedUp).isEmpty();
  }

  @Test
  void literalOfTheWrongFamilyIsIpNotFound() throws Exception {
    assertThat(code(resolve(IpFamily.IPV6, DnsCheckMode.SINGLE, "127.0.0.1").get(0)))
        .isEqualTo(ErrorCode.IP_NOT_FOUND);
    assertThat(code(resolve(IpFamily.IPV4, DnsCheckMode.SINGLE, "[::1]:80").get(0)))
        .isEqualTo(ErrorCode.IP_NOT_FOUND);
    assertThat(lookedUp).isEmpty();
  }

  @Test
  void portIsStrippedFromDomainsAndEmptyHostsAreSkipped() throws Exception {
    List<ResolvedTarget> result =
        resolve(IpFamily.ANY, DnsCheckMode.SINGLE, "", "  ", "example.com:443", "v4.only");
    assertThat(result).extracting(ResolvedTarget::host).containsExactly("example.com:443", "v4.only");
    assertThat(lookedUp).containsExactlyInAnyOrder("example.com", "v4.only");
  }

  @Test
  void notALiteralWithColonsGoesToTheResolver() throws Exception {
    assertThat(code(resolve(IpFamily.ANY, DnsCheckMode.SINGLE, "bad:host:name").get(0)))
        .isEqualTo(ErrorCode.DNS_RESOLVE_FAILED);
  }

  @Test
  void slowLookupFailsAtTheDeadline() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    NameResolver stuck = domain -> {
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return List.of(ip("10.0.0.1"));
    };
    long begin = System.nanoTime();
    List<ResolvedTarget> result = new TargetResolver(stuck, pool, Clock.systemUTC())
        .resolve(List.of("slow.example"), IpFamily.ANY, DnsCheckMode.SINGLE,
            Instant.now().plusMillis(200));
    release.countDown();
    assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(3));
    assertThat(code(result.get(0))).isEqualTo(ErrorCode.DNS_RESOLVE_FAILED);
    assertThat(((ResolvedTarget.Failure) result.get(0)).reason()).contains("deadline");
  }

  @Test
  void systemResolverFindsLocalhost() throws Exception {
    List<ResolvedTarget> result = new TargetResolver(NameResolver.system(), pool, Clock.systemUTC())
        .resolve(List.of("localhost"), IpFamily.ANY, DnsCheckMode.ALL, Instant.now().plusSeconds(5));
    assertThat(addresses(result.get(0))).isNotEmpty().allMatch(InetAddress::isLoopbackAddress);
  }
}
