package sparkmemory.oracle;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;

/** The key=value fields of a harness's input (the TypeScript checks write one configuration per line). */
public final class Settings {
  private Settings() {}

  /** Fields {@code first} onwards, each split at its first '=' into {key, value}. */
  public static List<String[]> of(String[] fields, int first) {
    List<String[]> out = new ArrayList<>();
    for (int i = first; i < fields.length; i++) {
      int eq = fields[i].indexOf('=');
      out.add(new String[] {fields[i].substring(0, eq), fields[i].substring(eq + 1)});
    }
    return out;
  }

  /** A SparkConf without system properties holding fields {@code first} onwards. */
  public static SparkConf conf(String[] fields, int first) {
    SparkConf conf = new SparkConf(false);
    for (String[] kv : of(fields, first)) conf.set(kv[0], kv[1]);
    return conf;
  }
}
