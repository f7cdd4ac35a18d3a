// Every Palomar program answers --version with its name and the project's
// version on standard output, and exit status 0.
#include "support/serverprocess.h"

#include <QProcess>
#include <QTest>

class VersionsTest : public QObject
{
    Q_OBJECT

private slots:
    void version_data();
    void version();
};

void VersionsTest::version_data()
{
    QTest::addColumn<QString>("binary");
    QTest::addColumn<QString>("name");
    QTest::newRow("palomar-server")
        << Palomar::Testing::ServerProcess::binaryPath() << QStringLiteral("palomar-server");
    QTest::newRow("palomar-cli") << QStringLiteral(PALOMAR_CLI_BINARY)
                                 << QStringLiteral("palomar-cli");
    QTest::newRow("palomar-bench")
        << QStringLiteral(PALOMAR_BENCH_BINARY) << QStringLiteral("palomar-bench");
#ifdef PALOMAR_DESKTOP_BINARY
    QTest::newRow("palomar") << QStringLiteral(PALOMAR_DESKTOP_BINARY) << QStringLiteral("palomar");
#endif
}

void VersionsTest::version()
{
    QFETCH(QString, binary);
    QFETCH(QString, name);
    QProcess program;
    // The desktop client needs a platform even to print its version.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    program.setProcessEnvironment(environment);
    program.start(binary, {QStringLiteral("--version")});
    QVERIFY(program.waitForFinished(20000));
    QCOMPARE(program.exitStatus(), QProcess::NormalExit);
    QCOMPARE(program.exitCode(), 0);
    QCOMPARE(QString::fromUtf8(program.readAllStandardOutput()),
             name + QStringLiteral(" " PALOMAR_VERSION "\n"));
}

QTEST_GUILESS_MAIN(VersionsTest)
#include "tst_versions.moc"
