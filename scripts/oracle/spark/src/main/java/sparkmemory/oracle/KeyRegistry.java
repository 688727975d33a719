package sparkmemory.oracle;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Spark's config registry as the jars on the classpath define it (test oracle and generator only).
 *
 * <p>{@code dump}: every ConfigEntry in ConfigEntry.knownConfigs (each entry registers itself there when
 * its Scala object initialises: core/src/main/scala/org/apache/spark/internal/config/ConfigEntry.scala),
 * after initialising every Scala object of the spark-* jars that holds a ConfigEntry field (the core
 * package object, History, UI, ..., SQLConf, StaticSQLConf, the YARN and Kubernetes configs). The type
 * comes from the entry's own converters: stringConverter of a bytesConf/timeConf prints "<n>b"/"<n>ms"
 * (ConfigHelpers.byteToString/timeToString), which gives the unit; an unparseable probe through
 * valueConverter gives ConfigHelpers.toNumber/toBoolean's message, which names int, long, double or
 * boolean, and a checkValues set's message lists the allowed values. Also the string literals of the
 * jars that look like keys ("spark.master") or key prefixes ("spark.hadoop."): keys Spark reads by name.
 *
 * <p>{@code convert OBJECT...}: initialises the named config objects, then reads "key\tvalue" lines and prints, per line, "ok\t<converted>" or
 * "err\t<exception message>" from that entry's valueConverter (what SparkConf.get(entry) runs).
 * Reflection throughout: the API is the same on 3.5, 4.1 and 4.2 but compiled against one line.
 */
public final class KeyRegistry {
  private static final String PROBE = "x!";

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "dump";
    if (mode.equals("convert")) {
      // The objects to initialise are named (the registry's `loaded` list): no scan of the jars.
      for (int i = 1; i < args.length; i++) {
        try {
          Class.forName(args[i], true, KeyRegistry.class.getClassLoader());
        } catch (Throwable t) {
          // Not on this classpath (the oracle's classpath is spark-core's): its keys answer "missing".
        }
      }
      convert();
    } else dump(initialiseConfigObjects());
  }

  /** Spark jars on the classpath (spark-core_2.13-3.5.9.jar, ...). */
  private static List<File> sparkJars() {
    List<File> jars = new ArrayList<>();
    for (String p : System.getProperty("java.class.path").split(File.pathSeparator)) {
      File f = new File(p);
      if (f.getName().startsWith("spark-") && f.getName().endsWith(".jar")) jars.add(f);
    }
    return jars;
  }

  /** Initialises each Scala object (Foo$) that declares a ConfigEntry field; returns their names. */
  private static List<String> initialiseConfigObjects() throws Exception {
    Class<?> entryClass = Class.forName("org.apache.spark.internal.config.ConfigEntry");
    ClassLoader cl = KeyRegistry.class.getClassLoader();
    List<String> owners = new ArrayList<>();
    for (File jar : sparkJars()) {
      try (JarFile jf = new JarFile(jar)) {
        Enumeration<JarEntry> en = jf.entries();
        while (en.hasMoreElements()) {
          String n = en.nextElement().getName();
          if (!n.startsWith("org/apache/spark/") || !n.endsWith("$.class") || n.contains("$$")) continue;
          String cn = n.substring(0, n.length() - 6).replace('/', '.');
          try {
            Class<?> c = Class.forName(cn, false, cl);
            boolean holds = false;
            for (Field f : c.getDeclaredFields()) if (entryClass.isAssignableFrom(f.getType())) holds = true;
            if (!holds) continue;
            Class.forName(cn, true, cl);
            owners.add(cn);
          } catch (Throwable t) {
            // A class whose dependencies are not on the classpath: said on stderr when it looks like a config holder.
            if (cn.matches(".*(Conf|Config|config|Utils)[^.]*")) System.err.println("not loaded: " + cn + ": " + t);
          }
        }
      }
    }
    return owners;
  }

  private static Object call(Object o, String name, Object... args) throws Exception {
    for (Method m : o.getClass().getMethods()) {
      if (m.getName().equals(name) && m.getParameterCount() == args.length) return m.invoke(o, args);
    }
    throw new NoSuchMethodException(o.getClass().getName() + "." + name);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> knownConfigs() throws Exception {
    Class<?> companion = Class.forName("org.apache.spark.internal.config.ConfigEntry$");
    Object module = companion.getField("MODULE$").get(null);
    return new TreeMap<>((Map<String, Object>) call(module, "knownConfigs"));
  }

  private static Object apply(Object fn, Object arg) throws Exception {
    // Through the interface: the converters are lambdas of hidden classes, not reflectively accessible.
    return Class.forName("scala.Function1").getMethod("apply", Object.class).invoke(fn, arg);
  }

  /** The exception a converter throws (InvocationTargetException unwrapped), or null. */
  private static Throwable failure(Object fn, Object arg) {
    try {
      apply(fn, arg);
      return null;
    } catch (java.lang.reflect.InvocationTargetException e) {
      return e.getCause();
    } catch (Throwable t) {
      return t;
    }
  }

  private static void dump(List<String> owners) throws Exception {
    Map<String, Object> known = knownConfigs();
    StringBuilder b = new StringBuilder("{\"owners\":[");
    for (int i = 0; i < owners.size(); i++) {
      if (i > 0) b.append(',');
      Json.quote(b, owners.get(i));
    }
    b.append("],\"entries\":[");
    boolean first = true;
    for (Map.Entry<String, Object> me : known.entrySet()) {
      if (!first) b.append(",\n");
      first = false;
      entry(b, me.getKey(), me.getValue());
    }
    b.append("],\"literals\":[");
    first = true;
    for (String s : literals()) {
      if (!first) b.append(',');
      first = false;
      Json.quote(b, s);
    }
    b.append("]}");
    System.out.println(b);
  }

  private static void field(StringBuilder b, String name, String value) {
    b.append(",\"").append(name).append("\":");
    if (value == null) b.append("null");
    else Json.quote(b, value);
  }

  private static void entry(StringBuilder b, String key, Object e) throws Exception {
    b.append("{\"key\":");
    Json.quote(b, key);
    field(b, "class", e.getClass().getSimpleName());
    field(b, "version", String.valueOf(call(e, "version")));
    field(b, "doc", String.valueOf(call(e, "doc")));
    b.append(",\"public\":").append(call(e, "isPublic"));
    field(b, "default", String.valueOf(call(e, "defaultValueString")));
    Object alts = call(e, "alternatives");
    field(b, "alternatives", String.valueOf(call(alts, "mkString", ",")));
    if (e.getClass().getSimpleName().equals("FallbackConfigEntry"))
      field(b, "fallback", String.valueOf(call(call(e, "fallback"), "key")));
    Object prepended = call(e, "prependedKey");
    if ((Boolean) call(prepended, "isDefined")) field(b, "prepended", String.valueOf(call(prepended, "get")));
    Object valueConverter = call(e, "valueConverter");
    Object stringConverter = call(e, "stringConverter");
    // bytesConf and timeConf print a Long as bytes or milliseconds: "1048576000000b" is MiB.
    String printed;
    try {
      printed = String.valueOf(apply(stringConverter, 1000000L));
    } catch (Throwable t) {
      printed = null;
    }
    field(b, "printed", printed);
    Throwable probe = failure(valueConverter, PROBE);
    field(b, "probeError", probe == null ? null : probe.getClass().getSimpleName() + ": " + probe.getMessage());
    // A checkValues set (or 4.x's enum entries): does the converter take the first value lower-cased,
    // upper-cased, and with blanks around it?
    java.util.regex.Matcher values = probe == null || probe.getMessage() == null
        ? null
        : java.util.regex.Pattern.compile("should be one of '?([^,']+)[,']").matcher(probe.getMessage());
    if (values != null && values.find()) {
      String v = values.group(1).trim();
      String accepts = (failure(valueConverter, v.toLowerCase(java.util.Locale.ROOT)) == null ? "l" : "")
          + (failure(valueConverter, v.toUpperCase(java.util.Locale.ROOT)) == null ? "u" : "")
          + (failure(valueConverter, " " + v + " ") == null ? "t" : "");
      field(b, "enumAccepts", accepts);
    }
    Object list;
    try {
      list = apply(valueConverter, "a,b");
    } catch (Throwable t) {
      list = null;
    }
    field(b, "listClass", list == null ? null : list.getClass().getName());
    b.append('}');
  }

  /** String literals of the spark-* jars that look like keys or key prefixes (constant pools). */
  private static TreeSet<String> literals() throws IOException {
    TreeSet<String> out = new TreeSet<>();
    for (File jar : sparkJars()) {
      try (JarFile jf = new JarFile(jar)) {
        Enumeration<JarEntry> en = jf.entries();
        while (en.hasMoreElements()) {
          JarEntry je = en.nextElement();
          if (!je.getName().endsWith(".class")) continue;
          try (InputStream in = jf.getInputStream(je)) {
            for (String s : utf8Constants(new DataInputStream(in)))
              if (s.matches("spark\\.[A-Za-z0-9_.-]*[A-Za-z0-9_.]")) out.add(s);
          }
        }
      }
    }
    return out;
  }

  /** The CONSTANT_Utf8 entries of a class file (JVMS 4.4). */
  private static List<String> utf8Constants(DataInputStream in) throws IOException {
    List<String> out = new ArrayList<>();
    if (in.readInt() != 0xCAFEBABE) return out;
    in.readUnsignedShort();
    in.readUnsignedShort();
    int count = in.readUnsignedShort();
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1:
          out.add(in.readUTF());
          break;
        case 3: case 4: in.readInt(); break;
        case 5: case 6: in.readLong(); i++; break;
        case 7: case 8: case 16: case 19: case 20: in.readUnsignedShort(); break;
        case 9: case 10: case 11: case 12: case 17: case 18: in.readInt(); break;
        case 15: in.readUnsignedByte(); in.readUnsignedShort(); break;
        default: return out;
      }
    }
    return out;
  }

  private static void convert() throws Exception {
    Map<String, Object> known = knownConfigs();
    BufferedReader r = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    StringBuilder b = new StringBuilder();
    for (String line; (line = r.readLine()) != null; ) {
      int tab = line.indexOf('\t');
      String key = line.substring(0, tab);
      String value = line.substring(tab + 1).replace("\\t", "\t").replace("\\n", "\n").replace("\\\\", "\\");
      Object e = known.get(key);
      if (e == null) {
        b.append("missing\t").append(key).append('\n');
        continue;
      }
      try {
        Object v = apply(call(e, "valueConverter"), value);
        b.append("ok\t").append(String.valueOf(v).replace("\n", "\\n")).append('\n');
      } catch (java.lang.reflect.InvocationTargetException x) {
        b.append("err\t").append(String.valueOf(x.getCause().getMessage()).replace("\n", "\\n")).append('\n');
      }
    }
    System.out.print(b);
  }
}
