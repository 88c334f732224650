package io.bkmonitorbeat.plugin.kubeevent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A fake Kubernetes API server on loopback: serves {@code /api/v1/events} lists and watches from
 * scripted responses, and records every request's query and Authorization header.
 */
final class FakeKubeApi implements AutoCloseable {
  /** One scripted response: HTTP status and body lines (a watch streams them one by one). */
  record Response(int status, List<String> lines) {}

  final List<String> queries = new CopyOnWriteArrayList<>();
  final List<String> authorizations = new CopyOnWriteArrayList<>();
  final Queue<Response> lists = new ConcurrentLinkedQueue<>();
  final Queue<Response> watches = new ConcurrentLinkedQueue<>();
  private final HttpServer server;

  FakeKubeApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "fake-kube-api");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/api/v1/events", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String query = exchange.getRequestURI().getRawQuery();
    queries.add(query);
    authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
    boolean watch = query != null && query.contains("watch=1");
    Response response = (watch ? watches : lists).poll();
    if (response == null) {
      // nothing scripted: a watch that idles a while (as the API does), a list that is empty
      if (watch) {
        sleep(500);
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
        return;
      }
      response = new Response(200, List.of("{\"kind\":\"EventList\",\"metadata\":{\"resourceVersion\":\"1\"},\"items\":[]}"));
    }
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(response.status(), 0);
    try (OutputStream out = exchange.getResponseBody()) {
      for (String line : response.lines()) {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
