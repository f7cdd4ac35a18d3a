// What the Debian packages ship beside the programs (packaging/,
// docs/packaging.md): the configuration generated for /etc/palomar, which the
// server's strict parser must take, and make-cert.sh's key modes, which
// decide whether the server, running as palomar, can read its TLS key.
#include "core/configfile.h"
#include "core/serverconfig.h"
#include "servertest.h"

#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <grp.h>
#include <unistd.h>

using namespace Palomar::Testing;
using Palomar::Server::ConfigFile;
using Palomar::Server::ServerConfig;

namespace {

struct MakeCertRun
{
    int exitCode = -1;
    QByteArray output;
};

MakeCertRun makeCert(const QStringList &arguments)
{
    QProcess script;
    script.setProcessChannelMode(QProcess::MergedChannels);
    script.start(str(PALOMAR_MAKE_CERT_SCRIPT), arguments);
    MakeCertRun run;
    if (!script.waitForFinished(60000)) {
        script.kill();
        script.waitForFinished();
        run.output = "timed out";
        return run;
    }
    run.exitCode = script.exitStatus() == QProcess::NormalExit ? script.exitCode() : -1;
    run.output = script.readAll();
    return run;
}

QString groupName(gid_t gid)
{
    const struct group *entry = ::getgrgid(gid);
    return entry ? QString::fromLocal8Bit(entry->gr_name) : QString();
}

// "640 GROUP" for a file.
QString modeAndGroup(const QString &path)
{
    const QFileInfo info(path);
    const QFileDevice::Permissions p = info.permissions();
    const int mode =
        ((p & QFileDevice::ReadOwner) ? 0400 : 0) | ((p & QFileDevice::WriteOwner) ? 0200 : 0) |
        ((p & QFileDevice::ExeOwner) ? 0100 : 0) | ((p & QFileDevice::ReadGroup) ? 040 : 0) |
        ((p & QFileDevice::WriteGroup) ? 020 : 0) | ((p & QFileDevice::ExeGroup) ? 010 : 0) |
        ((p & QFileDevice::ReadOther) ? 04 : 0) | ((p & QFileDevice::WriteOther) ? 02 : 0) |
        ((p & QFileDevice::ExeOther) ? 01 : 0);
    return QString::number(mode, 8) + QLatin1Char(' ') + groupName(info.groupId());
}

bool isRoot()
{
    return ::geteuid() == 0;
}

} // namespace

class PackagingTest : public QObject
{
    Q_OBJECT

private slots:
    void packagedConfigParses();
    void keyIsTheOwnersAlone();
    void rootGivesTheKeyToAGroup();
    void badGroupWritesNothing();
};

void PackagingTest::packagedConfigParses()
{
    // As palomar-server.service starts it: --config and nothing else.
    ServerConfig config;
    QString error;
    QCOMPARE(
        ServerConfig::parse({str("palomar-server"), str("--config"), str(PALOMAR_PACKAGED_CONFIG)},
                            &config, &error),
        ServerConfig::ParseResult::Ok);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(config.dataPath, str(PALOMAR_PACKAGED_DATA_DIR));

    // Set: data, and registration where the server has the option; every
    // other option keeps its default.
    ConfigFile file;
    QVERIFY2(ConfigFile::read(str(PALOMAR_PACKAGED_CONFIG), ServerConfig::fileOptionNames(), &file,
                              &error),
             qPrintable(error));
    QStringList names;
    for (const ConfigFile::Entry &entry : file.entries())
        names += entry.name;
    QStringList expected{str("data")};
    if (ServerConfig::fileOptionNames().contains(str("registration"))) {
        expected += str("registration");
        QCOMPARE(file.find(str("registration"))->value, str("invite"));
    }
    names.sort();
    QCOMPARE(names, expected);
}

void PackagingTest::keyIsTheOwnersAlone()
{
    // The key is root's alone with --group "" (and as any other user).
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const MakeCertRun run = makeCert({str("--group"), QString(), dir.path()});
    QVERIFY2(run.exitCode == 0, run.output.constData());
    const QString key = dir.filePath(str("palomar.key"));
    QCOMPARE(modeAndGroup(key).section(QLatin1Char(' '), 0, 0), str("600"));
    QCOMPARE(modeAndGroup(dir.filePath(str("palomar.crt"))).section(QLatin1Char(' '), 0, 0),
             str("644"));
    QVERIFY2(run.output.contains("(mode 600)"), run.output.constData());
}

void PackagingTest::rootGivesTheKeyToAGroup()
{
    const QString group = groupName(::getegid());
    QVERIFY(!group.isEmpty());
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const MakeCertRun run = makeCert({str("--group"), group, dir.path()});
    const QString key = dir.filePath(str("palomar.key"));
    if (!isRoot()) {
        // Only root may hand a key to a group.
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.output.contains("--group needs root"), run.output.constData());
        QVERIFY(!QFileInfo::exists(key));
        return;
    }
    QVERIFY2(run.exitCode == 0, run.output.constData());
    QCOMPARE(modeAndGroup(key), str("640 ") + group);
    QVERIFY2(run.output.contains(QByteArray("(mode 640, group " + group.toLocal8Bit() + ")")),
             run.output.constData());

    // Without --group, root gives it to palomar when that group exists.
    QTemporaryDir second;
    QVERIFY(second.isValid());
    const MakeCertRun byDefault = makeCert({second.path()});
    QVERIFY2(byDefault.exitCode == 0, byDefault.output.constData());
    const bool palomarGroup = ::getgrnam("palomar") != nullptr;
    QCOMPARE(modeAndGroup(second.filePath(str("palomar.key"))),
             palomarGroup ? str("640 palomar") : str("600 ") + group);
}

void PackagingTest::badGroupWritesNothing()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString target = dir.filePath(str("certs"));
    const MakeCertRun run = makeCert({str("--group"), str("no-such-group-palomar"), target});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(
        run.output.contains(isRoot() ? "no group no-such-group-palomar" : "--group needs root"),
        run.output.constData());
    QVERIFY(!QFileInfo::exists(target));
}

QTEST_GUILESS_MAIN(PackagingTest)
#include "tst_packaging.moc"
