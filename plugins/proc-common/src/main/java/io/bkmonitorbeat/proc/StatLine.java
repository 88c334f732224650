package io.bkmonitorbeat.proc;

/**
 * The fields of {@code /proc/<pid>/stat} that the collectors use. The command name is the text
 * between the first {@code (} and the last {@code )} (a name may itself contain parentheses and
 * spaces); the numbered fields follow. Pure; thread-safe.
 *
 * @param comm the command name
 * @param state the state letter
 * @param ppid the parent pid
 * @param userTicks {@code utime}
 * @param systemTicks {@code stime}
 * @param startTicks {@code starttime}
 */
public record StatLine(
    String comm, char state, int ppid, long userTicks, long systemTicks, long startTicks) {

  // Positions after the closing parenthesis, 0-based: state, ppid, ..., utime, stime, ...,
  // starttime (man 5 proc fields 3, 4, 14, 15, 22).
  private static final int PPID = 1;
  private static final int UTIME = 11;
  private static final int STIME = 12;
  private static final int STARTTIME = 19;

  /**
   * Parses a stat line.
   *
   * @return the fields, or null when the line is malformed
   */
  public static StatLine parse(String line) {
    int open = line.indexOf('(');
    int close = line.lastIndexOf(')');
    if (open < 0 || close < open) {
      return null;
    }
    String comm = line.substring(open + 1, close);
    long[] numbers = new long[STARTTIME + 1];
    char state = 0;
    int field = 0;
    int i = close + 1;
    int n = line.length();
    while (field <= STARTTIME) {
      while (i < n && line.charAt(i) == ' ') {
        i++;
      }
      if (i >= n) {
        return null;
      }
      int start = i;
      while (i < n && line.charAt(i) != ' ' && line.charAt(i) != '\n') {
        i++;
      }
      if (field == 0) {
        state = line.charAt(start);
      } else if (field == PPID || field == UTIME || field == STIME || field == STARTTIME) {
        try {
          numbers[field] = Long.parseLong(line, start, i, 10);
        } catch (NumberFormatException e) {
          return null;
        }
      }
      field++;
    }
    return new StatLine(comm, state, (int) numbers[PPID], numbers[UTIME], numbers[STIME],
        numbers[STARTTIME]);
  }
}
