// Test oracle, run by hand with a JDK (not part of the build): reads a JSON array of strings on
// stdin (one properties text each) and prints, for each, what java.util.Properties.load(Reader)
// makes of it, as a JSON object {"props": {key: value}} or {"error": message}.
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.util.*;

public class PropertiesOracle {
  public static void main(String[] args) throws Exception {
    String in = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
    List<String> inputs = parseJsonStringArray(in);
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < inputs.size(); i++) {
      if (i > 0) out.append(",\n");
      Properties p = new Properties();
      try {
        p.load(new StringReader(inputs.get(i)));
        TreeMap<String, String> sorted = new TreeMap<>();
        for (String k : p.stringPropertyNames()) sorted.put(k, p.getProperty(k));
        out.append("{\"props\":{");
        boolean first = true;
        for (Map.Entry<String, String> e : sorted.entrySet()) {
          if (!first) out.append(',');
          first = false;
          out.append(q(e.getKey())).append(':').append(q(e.getValue()));
        }
        out.append("}}");
      } catch (IllegalArgumentException e) {
        out.append("{\"error\":").append(q(e.getMessage())).append('}');
      }
    }
    out.append("]\n");
    System.out.print(out);
  }

  static String q(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') b.append('\\').append(c);
      else if (c < 0x20 || c > 0x7e) b.append(String.format("\\u%04x", (int) c));
      else b.append(c);
    }
    return b.append('"').toString();
  }

  // Minimal JSON string-array reader (the inputs are produced by our own generator).
  static List<String> parseJsonStringArray(String s) {
    List<String> r = new ArrayList<>();
    int i = s.indexOf('[') + 1;
    while (true) {
      while (i < s.length() && s.charAt(i) != '"' && s.charAt(i) != ']') i++;
      if (i >= s.length() || s.charAt(i) == ']') break;
      i++;
      StringBuilder b = new StringBuilder();
      while (s.charAt(i) != '"') {
        char c = s.charAt(i++);
        if (c == '\\') {
          char e = s.charAt(i++);
          switch (e) {
            case 'n': b.append('\n'); break;
            case 'r': b.append('\r'); break;
            case 't': b.append('\t'); break;
            case 'f': b.append('\f'); break;
            case 'b': b.append('\b'); break;
            case 'u': b.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; break;
            default: b.append(e);
          }
        } else b.append(c);
      }
      i++;
      r.add(b.toString());
    }
    return r;
  }
}
