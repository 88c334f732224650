package io.bkmonitorbeat.plugin.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A command split into pipeline stages, each an argument vector, by the shell-word rules
 * bkmonitorbeat applies (the command is not run through a shell).
 *
 * <p>Rules: blanks separate words; {@code '...'} is literal; inside {@code "..."} a backslash
 * escapes {@code " \ $ `} and {@code $VAR}/{@code ${VAR}} are expanded; outside quotes a
 * backslash escapes the next character and variables are expanded; an unquoted {@code |}
 * separates stages. Variables come from the lookup (the task's {@code user_env}, then the
 * process environment); an unset one is empty. An expanded value stays one word (it is not split
 * again, so a value with spaces cannot inject arguments); an unquoted word that expands to
 * nothing is dropped, as in a shell.
 *
 * <p>Shell operators that would need a shell ({@code ; & < > `} and {@code $(}) are rejected with
 * a message instead of being passed on as literal arguments: a command such as {@code a > f}
 * would otherwise run {@code a} with the arguments {@code >} and {@code f}.
 *
 * @param stages the stages in pipeline order; each has at least one word
 */
record CommandLine(List<List<String>> stages) {

  /** Validates and copies the stages. */
  CommandLine {
    stages = stages.stream().map(List::copyOf).toList();
    if (stages.isEmpty() || stages.stream().anyMatch(List::isEmpty)) {
      throw new IllegalArgumentException("empty command");
    }
  }

  /**
   * Splits {@code command}.
   *
   * @param variables returns a variable's value, or null when it is unset
   * @throws IllegalArgumentException with a message saying what is wrong and where
   */
  static CommandLine parse(String command, Function<String, String> variables) {
    Objects.requireNonNull(command, "command");
    return new Splitter(command, variables).split();
  }

  /** Returns the command as a readable text, for logs. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    for (List<String> stage : stages) {
      if (text.length() > 0) {
        text.append(" | ");
      }
      text.append(String.join(" ", stage));
    }
    return text.toString();
  }

  /** One pass over the command text. Not thread-safe; used once. */
  private static final class Splitter {
    private final String text;
    private final Function<String, String> variables;
    private final List<List<String>> stages = new ArrayList<>();
    private List<String> stage = new ArrayList<>();
    private final StringBuilder word = new StringBuilder();
    /** Whether the current word exists even if empty (it had quotes). */
    private boolean wordQuoted;
    private boolean inWord;
    private int pos;

    Splitter(String text, Function<String, String> variables) {
      this.text = text;
      this.variables = variables;
    }

    CommandLine split() {
      while (pos < text.length()) {
        char c = text.charAt(pos);
        switch (c) {
          case ' ', '\t', '\n', '\r' -> {
            endWord();
            pos++;
          }
          case '\'' -> singleQuoted();
          case '"' -> doubleQuoted();
          case '\\' -> {
            if (pos + 1 >= text.length()) {
              throw problem("a backslash at the end of the command");
            }
            append(text.charAt(pos + 1));
            pos += 2;
          }
          case '$' -> variable(false);
          case '|' -> {
            endWord();
            if (stage.isEmpty()) {
              throw problem("a pipe '|' without a command before it");
            }
            stages.add(stage);
            stage = new ArrayList<>();
            pos++;
          }
          case ';', '&', '<', '>', '`' -> throw problem("the shell operator '" + c
              + "' is not supported: the command is not run through a shell"
              + " (write a script, or run sh -c '...')");
          default -> {
            append(c);
            pos++;
          }
        }
      }
      endWord();
      if (stage.isEmpty()) {
        throw problem(stages.isEmpty() ? "the command is empty" : "a pipe '|' without a command after it");
      }
      stages.add(stage);
      return new CommandLine(stages);
    }

    private void singleQuoted() {
      int end = text.indexOf('\'', pos + 1);
      if (end < 0) {
        throw problem("an unterminated single quote");
      }
      inWord = true;
      wordQuoted = true;
      word.append(text, pos + 1, end);
      pos = end + 1;
    }

    private void doubleQuoted() {
      int start = pos;
      inWord = true;
      wordQuoted = true;
      pos++;
      while (true) {
        if (pos >= text.length()) {
          pos = start;
          throw problem("an unterminated double quote");
        }
        char c = text.charAt(pos);
        if (c == '"') {
          pos++;
          return;
        }
        if (c == '\\' && pos + 1 < text.length() && "\"\\$`\n".indexOf(text.charAt(pos + 1)) >= 0) {
          word.append(text.charAt(pos + 1));
          pos += 2;
        } else if (c == '$') {
          variable(true);
        } else if (c == '`') {
          throw problem("command substitution '`' is not supported");
        } else {
          word.append(c);
          pos++;
        }
      }
    }

    /** Expands {@code $NAME} or {@code ${NAME}} at {@code pos}; a lone {@code $} is literal. */
    private void variable(boolean quoted) {
      int next = pos + 1;
      if (next < text.length() && text.charAt(next) == '(') {
        throw problem("command substitution '$(' is not supported");
      }
      String name;
      if (next < text.length() && text.charAt(next) == '{') {
        int close = text.indexOf('}', next);
        if (close < 0) {
          throw problem("an unterminated '${'");
        }
        name = text.substring(next + 1, close);
        if (!isName(name)) {
          throw problem("a bad variable name '" + name + "'");
        }
        pos = close + 1;
      } else {
        int end = next;
        while (end < text.length() && isNameChar(text.charAt(end), end == next)) {
          end++;
        }
        if (end == next) {
          if (quoted) {
            word.append('$');
          } else {
            append('$');
          }
          pos++;
          return;
        }
        name = text.substring(next, end);
        pos = end;
      }
      String value = variables.apply(name);
      inWord = true;
      word.append(value == null ? "" : value);
    }

    private void append(char c) {
      inWord = true;
      word.append(c);
    }

    private void endWord() {
      if (inWord && (word.length() > 0 || wordQuoted)) {
        stage.add(word.toString());
      }
      word.setLength(0);
      inWord = false;
      wordQuoted = false;
    }

    private IllegalArgumentException problem(String what) {
      return new IllegalArgumentException(what + " (at character " + (pos + 1) + ")");
    }

    private static boolean isName(String name) {
      if (name.isEmpty()) {
        return false;
      }
      for (int i = 0; i < name.length(); i++) {
        if (!isNameChar(name.charAt(i), i == 0)) {
          return false;
        }
      }
      return true;
    }

    private static boolean isNameChar(char c, boolean first) {
      return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (!first && c >= '0' && c <= '9');
    }
  }
}
