#include "configfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStringDecoder>

#include <algorithm>
#include <vector>

namespace Palomar::Server {

namespace {

// Edits (insertions, deletions, substitutions) between two short names.
qsizetype editDistance(const QString &a, const QString &b)
{
    std::vector<qsizetype> row(size_t(b.size()) + 1);
    for (qsizetype j = 0; j <= b.size(); ++j)
        row[size_t(j)] = j;
    for (qsizetype i = 1; i <= a.size(); ++i) {
        qsizetype diagonal = row[0];
        row[0] = i;
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const qsizetype above = row[size_t(j)];
            const qsizetype cost = a.at(i - 1) == b.at(j - 1) ? 0 : 1;
            row[size_t(j)] = std::min({above + 1, row[size_t(j - 1)] + 1, diagonal + cost});
            diagonal = above;
        }
    }
    return row[size_t(b.size())];
}

// " (did you mean threads?)" for a near miss such as "treads"; else empty.
QString suggestion(const QString &name, const QStringList &knownNames)
{
    QString best;
    qsizetype bestDistance = 3; // more edits than 2 is another word
    for (const QString &known : knownNames) {
        const qsizetype distance = editDistance(name.toLower(), known);
        if (distance < bestDistance) {
            bestDistance = distance;
            best = known;
        }
    }
    return best.isEmpty() ? QString() : QStringLiteral(" (did you mean %1?)").arg(best);
}

QString unquoted(const QString &value)
{
    if (value.size() >= 2 &&
        (value.front() == QLatin1Char('"') || value.front() == QLatin1Char('\'')) &&
        value.back() == value.front())
        return value.mid(1, value.size() - 2);
    return value;
}

} // namespace

bool ConfigFile::read(const QString &path, const QStringList &knownNames, ConfigFile *file,
                      QString *error)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        *error = QStringLiteral("%1: no such file").arg(path);
        return false;
    }
    if (info.isDir()) {
        *error = QStringLiteral("%1: is a folder, not a file").arg(path);
        return false;
    }
    QFile input(path);
    if (!input.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot be read: %2").arg(path, input.errorString());
        return false;
    }
    const QByteArray text = input.readAll();
    if (input.error() != QFileDevice::NoError) {
        *error = QStringLiteral("%1: cannot be read: %2").arg(path, input.errorString());
        return false;
    }
    return parse(text, path, knownNames, file, error);
}

bool ConfigFile::parse(const QByteArray &text, const QString &path, const QStringList &knownNames,
                       ConfigFile *file, QString *error)
{
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString content = decoder.decode(text);
    if (decoder.hasError()) {
        *error = QStringLiteral("%1: not UTF-8 text").arg(path);
        return false;
    }
    file->m_path = QFileInfo(path).absoluteFilePath();
    file->m_entries.clear();
    const auto fail = [&](int line, const QString &why) {
        *error = QStringLiteral("%1:%2: %3").arg(path).arg(line).arg(why);
        return false;
    };
    const QStringList lines = content.split(QLatin1Char('\n'));
    for (qsizetype index = 0; index < lines.size(); ++index) {
        const int number = int(index) + 1;
        QString line = lines.at(index).trimmed(); // also drops a Windows '\r'
        if (index == 0 && line.startsWith(QChar(0xfeff)))
            line = line.mid(1).trimmed(); // a byte order mark
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')) ||
            line.startsWith(QLatin1Char(';')))
            continue;
        if (line.startsWith(QLatin1Char('['))) {
            return fail(number, QStringLiteral("sections such as %1 are not supported: write "
                                               "name = value lines only")
                                    .arg(line));
        }
        const qsizetype equals = line.indexOf(QLatin1Char('='));
        if (equals < 0)
            return fail(number, QStringLiteral("expected name = value, found %1").arg(line));
        const QString name = line.left(equals).trimmed();
        const QString value = unquoted(line.mid(equals + 1).trimmed());
        if (name.isEmpty())
            return fail(number, QStringLiteral("a value without a name"));
        if (!knownNames.contains(name)) {
            return fail(
                number,
                QStringLiteral("unknown option %1%2").arg(name, suggestion(name, knownNames)));
        }
        if (const Entry *earlier = file->find(name)) {
            return fail(
                number,
                QStringLiteral("%1 is set twice (first on line %2)").arg(name).arg(earlier->line));
        }
        if (value.isEmpty())
            return fail(number, QStringLiteral("%1 has no value").arg(name));
        file->m_entries.append(Entry{name, value, number});
    }
    return true;
}

const ConfigFile::Entry *ConfigFile::find(const QString &name) const
{
    for (const Entry &entry : m_entries) {
        if (entry.name == name)
            return &entry;
    }
    return nullptr;
}

QString ConfigFile::resolvePath(const QString &path) const
{
    if (path.isEmpty() || QDir::isAbsolutePath(path))
        return path;
    return QDir::cleanPath(QFileInfo(m_path).dir().filePath(path));
}

} // namespace Palomar::Server
