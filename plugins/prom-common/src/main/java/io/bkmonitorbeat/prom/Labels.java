package io.bkmonitorbeat.prom;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An immutable label set in the order written, backed by two arrays.
 *
 * <p>A sample line carries a handful of labels, so a linear scan beats hashing and the whole set
 * costs two small arrays instead of a hash table per sample. It is a read-only {@link Map} for
 * callers that want one; {@link #size()}, {@link #name(int)} and {@link #value(int)} iterate
 * without allocating.
 */
public final class Labels extends AbstractMap<String, String> {

  /** The empty label set. */
  public static final Labels EMPTY = new Labels(new String[0], new String[0], 0);

  private final String[] names;
  private final String[] values;
  private final int size;

  private Labels(String[] names, String[] values, int size) {
    this.names = names;
    this.values = values;
    this.size = size;
  }

  /** Copies a map (iteration order kept) into a label set. */
  public static Labels of(Map<String, String> map) {
    if (map instanceof Labels labels) {
      return labels;
    }
    if (map.isEmpty()) {
      return EMPTY;
    }
    String[] n = new String[map.size()];
    String[] v = new String[map.size()];
    int i = 0;
    for (Map.Entry<String, String> e : map.entrySet()) {
      n[i] = e.getKey();
      v[i] = e.getValue();
      i++;
    }
    return new Labels(n, v, i);
  }

  /** Label set from alternating names and values: {@code of("job", "node", "instance", "x")}. */
  public static Labels of(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("names and values must alternate");
    }
    int n = namesAndValues.length / 2;
    String[] names = new String[n];
    String[] values = new String[n];
    for (int i = 0; i < n; i++) {
      names[i] = namesAndValues[2 * i];
      values[i] = namesAndValues[2 * i + 1];
    }
    return n == 0 ? EMPTY : new Labels(names, values, n);
  }

  /** Takes ownership of the arrays (parser use: they are fresh copies). */
  static Labels wrap(String[] names, String[] values, int size) {
    return size == 0 ? EMPTY : new Labels(names, values, size);
  }

  @Override
  public int size() {
    return size;
  }

  /** Name of the i-th label, in written order. */
  public String name(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException(i);
    }
    return names[i];
  }

  /** Value of the i-th label, in written order. */
  public String value(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException(i);
    }
    return values[i];
  }

  @Override
  public String get(Object key) {
    for (int i = 0; i < size; i++) {
      if (names[i].equals(key)) {
        return values[i];
      }
    }
    return null;
  }

  @Override
  public boolean containsKey(Object key) {
    for (int i = 0; i < size; i++) {
      if (names[i].equals(key)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Set<Map.Entry<String, String>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Map.Entry<String, String>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < size;
          }

          @Override
          public Map.Entry<String, String> next() {
            if (next >= size) {
              throw new NoSuchElementException();
            }
            int i = next++;
            return new SimpleImmutableEntry<>(names[i], values[i]);
          }
        };
      }

      @Override
      public int size() {
        return size;
      }
    };
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < size; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(names[i]).append("=\"").append(values[i]).append('"');
    }
    return sb.append('}').toString();
  }

  @Override
  public int hashCode() {
    // Map contract: sum of entry hashes; computed here without allocating entries.
    int h = 0;
    for (int i = 0; i < size; i++) {
      h += names[i].hashCode() ^ values[i].hashCode();
    }
    return h;
  }

  @Override
  public boolean equals(Object o) {
    if (o instanceof Labels other && other.size == size) {
      if (Arrays.equals(names, 0, size, other.names, 0, size)
          && Arrays.equals(values, 0, size, other.values, 0, size)) {
        return true;
      }
    }
    return super.equals(o);
  }
}
