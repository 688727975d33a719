import * as assert from 'assert';
import { detectDocumentType, isSparkApplicationYaml, memberRoleOf } from '../../src/core/document/kind';

const SPARK_PI = [
  'apiVersion: sparkoperator.k8s.io/v1beta2',
  'kind: SparkApplication',
  'metadata:',
  '  name: spark-pi',
].join('\n');

describe('core/document/kind', () => {
  it('finds spark-defaults.conf and its template by file name, on both path styles', () => {
    assert.deepStrictEqual(detectDocumentType('/opt/spark/conf/spark-defaults.conf'), { kind: 'spark-defaults' });
    assert.deepStrictEqual(detectDocumentType('C:\\spark\\conf\\spark-defaults.conf.template'), {
      kind: 'spark-defaults',
    });
    assert.strictEqual(detectDocumentType('/opt/spark/conf/spark-defaults.conf.bak'), undefined);
    assert.strictEqual(detectDocumentType('/opt/spark/conf/my-spark-defaults.conf'), undefined);
  });

  it('gives conf/servers, conf/leads and conf/locators their member role, only inside conf/', () => {
    assert.deepStrictEqual(detectDocumentType('/snappy/conf/servers'), { kind: 'snappy-members', role: 'server' });
    assert.deepStrictEqual(detectDocumentType('/snappy/conf/leads'), { kind: 'snappy-members', role: 'lead' });
    assert.deepStrictEqual(detectDocumentType('/snappy/conf/locators.template'), {
      kind: 'snappy-members',
      role: 'locator',
    });
    assert.strictEqual(detectDocumentType('/snappy/servers'), undefined);
    assert.strictEqual(detectDocumentType('/snappy/config/servers'), undefined);
    assert.strictEqual(memberRoleOf('/x/conf/servers.template'), 'server');
    assert.strictEqual(memberRoleOf('/x/conf/server'), undefined);
    assert.strictEqual(memberRoleOf('/x/conf/toString'), undefined, 'no prototype keys');
  });

  it('recognises a SparkApplication YAML by its content, not its name', () => {
    assert.deepStrictEqual(detectDocumentType('/k8s/pi.yaml', SPARK_PI), { kind: 'spark-application' });
    assert.deepStrictEqual(
      detectDocumentType('/k8s/pi.YML', SPARK_PI.replace('SparkApplication', 'ScheduledSparkApplication')),
      { kind: 'spark-application' },
    );
    assert.strictEqual(detectDocumentType('/k8s/pi.yaml'), undefined, 'no text, no verdict');
    assert.strictEqual(detectDocumentType('/k8s/pi.json', SPARK_PI), undefined);
    assert.strictEqual(detectDocumentType('/k8s/deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\n'), undefined);
  });

  it('needs both the spark-operator apiVersion and the SparkApplication kind', () => {
    assert.strictEqual(isSparkApplicationYaml('apiVersion: sparkoperator.k8s.io/v1beta2\nkind: Deployment\n'), false);
    assert.strictEqual(isSparkApplicationYaml('apiVersion: apps/v1\nkind: SparkApplication\n'), false);
    assert.strictEqual(
      isSparkApplicationYaml('apiVersion: "sparkoperator.k8s.io/v1beta2"\nkind: "SparkApplication"  # the app\n'),
      true,
    );
    assert.strictEqual(
      isSparkApplicationYaml('apiVersion: sparkoperator.k8s.io/v1beta2\nkind: SparkApplicationX\n'),
      false,
    );
  });
});
