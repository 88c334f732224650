package io.bkmonitorbeat.testkit;

import io.bkmonitorbeat.api.PluginApi;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds real plugin jars at test time (PF4J's {@code PluginJar} idea): Java sources compiled
 * against the test's class path, a PF4J manifest and an extension index. Also builds broken jars
 * on purpose (no manifest, wrong {@code Plugin-Requires}, a missing class). Not thread-safe.
 *
 * <pre>{@code
 * Path jar = PluginJar.builder(dir.resolve("echo.jar"), "echo")
 *     .source("acme.EchoProvider", "package acme; ...")
 *     .extension("acme.EchoProvider")
 *     .build();
 * }</pre>
 */
public final class PluginJar {
  private final Path jar;
  private final Map<String, String> manifest = new LinkedHashMap<>();
  private final Map<String, String> sources = new LinkedHashMap<>();
  private final List<String> extensions = new ArrayList<>();
  private final List<String> omittedClasses = new ArrayList<>();
  private final Map<String, byte[]> resources = new LinkedHashMap<>();
  private boolean withManifest = true;

  private PluginJar(Path jar, String pluginId) {
    this.jar = jar;
    manifest.put("Plugin-Id", pluginId);
    manifest.put("Plugin-Version", "1.0.0");
    manifest.put("Plugin-Requires", ">=" + PluginApi.VERSION + " & <" + nextMajor() + ".0.0");
    manifest.put("Plugin-Provider", "testkit");
  }

  /** Starts a jar at {@code jar} with plugin id {@code pluginId}, version 1.0.0. */
  public static PluginJar builder(Path jar, String pluginId) {
    return new PluginJar(jar, pluginId);
  }

  /** Sets {@code Plugin-Version}. */
  public PluginJar version(String version) {
    manifest.put("Plugin-Version", version);
    return this;
  }

  /** Sets {@code Plugin-Requires}. */
  public PluginJar requires(String requires) {
    manifest.put("Plugin-Requires", requires);
    return this;
  }

  /** Sets {@code Plugin-Class}. */
  public PluginJar pluginClass(String className) {
    manifest.put("Plugin-Class", className);
    return this;
  }

  /** Sets any manifest attribute; a null value removes it. */
  public PluginJar manifestAttribute(String name, String value) {
    if (value == null) {
      manifest.remove(name);
    } else {
      manifest.put(name, value);
    }
    return this;
  }

  /** Writes no manifest at all. */
  public PluginJar withoutManifest() {
    withManifest = false;
    return this;
  }

  /** Adds a Java source for class {@code className}. */
  public PluginJar source(String className, String javaSource) {
    sources.put(className, javaSource);
    return this;
  }

  /** Lists {@code className} in {@code META-INF/extensions.idx}. */
  public PluginJar extension(String className) {
    extensions.add(className);
    return this;
  }

  /** Compiles the class but leaves it out of the jar (to provoke NoClassDefFoundError). */
  public PluginJar omitClass(String className) {
    omittedClasses.add(className);
    return this;
  }

  /** Adds a file to the jar as it is (e.g. a copy of a host class, to test isolation). */
  public PluginJar resource(String name, byte[] content) {
    resources.put(name, content.clone());
    return this;
  }

  /** Compiles the sources and writes the jar; returns its path. */
  public Path build() {
    try {
      Path classes = Files.createTempDirectory("plugin-classes");
      compile(classes);
      writeJar(classes);
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void compile(Path classes) throws IOException {
    if (sources.isEmpty()) {
      return;
    }
    Path sourceDir = Files.createTempDirectory("plugin-sources");
    List<String> args = new ArrayList<>(List.of(
        "-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
        "-proc:none", "--release", "17"));
    for (Map.Entry<String, String> source : sources.entrySet()) {
      Path file = sourceDir.resolve(source.getKey().replace('.', '/') + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, source.getValue());
      args.add(file.toString());
    }
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    StringWriter errors = new StringWriter();
    int exit = compiler.run(null, null, new java.io.PrintStream(new WriterOutputStream(errors), true, StandardCharsets.UTF_8),
        args.toArray(String[]::new));
    if (exit != 0) {
      throw new IllegalStateException("test plugin sources do not compile:\n" + errors);
    }
  }

  private void writeJar(Path classes) throws IOException {
    Files.createDirectories(jar.toAbsolutePath().getParent());
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = withManifest ? new JarOutputStream(file, manifest()) : new JarOutputStream(file)) {
      if (!extensions.isEmpty()) {
        out.putNextEntry(new JarEntry("META-INF/extensions.idx"));
        out.write((String.join("\n", extensions) + "\n").getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
      for (Map.Entry<String, byte[]> resource : resources.entrySet()) {
        out.putNextEntry(new JarEntry(resource.getKey()));
        out.write(resource.getValue());
        out.closeEntry();
      }
      List<Path> files;
      try (Stream<Path> walk = Files.walk(classes)) {
        files = walk.filter(Files::isRegularFile).sorted().toList();
      }
      for (Path classFile : files) {
        String name = classes.relativize(classFile).toString().replace('\\', '/');
        String className = name.replaceAll("\\.class$", "").replace('/', '.');
        if (omittedClasses.contains(className)) {
          continue;
        }
        out.putNextEntry(new JarEntry(name));
        out.write(Files.readAllBytes(classFile));
        out.closeEntry();
      }
    }
  }

  private Manifest manifest() {
    Manifest result = new Manifest();
    Attributes attributes = result.getMainAttributes();
    attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.forEach((name, value) -> attributes.put(new Attributes.Name(name), value));
    return result;
  }

  private static int nextMajor() {
    return Integer.parseInt(PluginApi.VERSION.split("\\.")[0]) + 1;
  }

  /** Adapts a Writer for the compiler's diagnostics stream. */
  private static final class WriterOutputStream extends OutputStream {
    private final StringWriter writer;

    WriterOutputStream(StringWriter writer) {
      this.writer = writer;
    }

    @Override
    public void write(int b) {
      writer.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      writer.write(new String(b, off, len, StandardCharsets.UTF_8));
    }
  }
}
