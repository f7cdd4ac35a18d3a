#pragma once

// A PostgreSQL cluster of the test's own (scripts/pg-cluster.sh), for tests
// that stop or restart the database under running servers. Needs root (the
// script runs initdb and pg_ctl as the postgres user) and
// PALOMAR_PG_CLUSTER_SCRIPT defined by the test's CMake target.
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTcpServer>
#include <QtGlobal>

namespace Palomar::Testing {

inline constexpr int kClusterScriptMs = 120000;

inline QString clusterScript()
{
    return QStringLiteral(PALOMAR_PG_CLUSTER_SCRIPT);
}

// Runs pg-cluster.sh: true when it succeeded, with what it printed.
inline bool runCluster(const QStringList &arguments, QString *output = nullptr)
{
    QProcess script;
    script.start(clusterScript(), arguments);
    if (!script.waitForFinished(kClusterScriptMs) || script.exitCode() != 0) {
        qWarning("pg-cluster.sh %s: %s", qPrintable(arguments.join(u' ')),
                 script.readAllStandardError().constData());
        return false;
    }
    if (output)
        *output = QString::fromUtf8(script.readAllStandardOutput()).trimmed();
    return true;
}

// Runs pg-cluster.sh; its output (the URL for "start"), or a null string.
inline QString cluster(const QStringList &arguments)
{
    QString output;
    return runCluster(arguments, &output) ? output : QString();
}

// A port below the ephemeral range that nothing listens on.
inline quint16 freeClusterPort()
{
    for (quint16 port = 26100; port < 27000; ++port) {
        QTcpServer probe;
        if (probe.listen(QHostAddress::LocalHost, port))
            return port;
    }
    return 0;
}

} // namespace Palomar::Testing
