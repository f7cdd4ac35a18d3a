#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Palomar::Server {

// The INI file given with --config, read strictly: `name = value` lines,
// blank lines and whole-line comments (`#` or `;`), nothing else. A value is
// taken literally (no list splitting, no escapes, no inline comments: a
// PostgreSQL password may hold `,`, `#` or `;`); one pair of surrounding
// quotes, "…" or '…', is removed, for a value with spaces at its ends. An
// unknown name, a `[section]`, a name given twice or a line that is not
// `name = value` is an error naming the file and the line, so a typo never
// leaves an option (a TLS certificate, say) silently unset.
class ConfigFile
{
public:
    struct Entry
    {
        QString name;
        QString value;
        int line = 0;
    };

    // Reads and parses the file at `path`; false with `error` ("FILE: why"
    // or "FILE:LINE: why") when it cannot be read or is not valid.
    static bool read(const QString &path, const QStringList &knownNames, ConfigFile *file,
                     QString *error);
    // Parses `text` as the content of `path` (pure: no I/O).
    static bool parse(const QByteArray &text, const QString &path, const QStringList &knownNames,
                      ConfigFile *file, QString *error);

    QString path() const { return m_path; }
    const QList<Entry> &entries() const { return m_entries; }
    const Entry *find(const QString &name) const;
    // `path` as the file means it: a relative one is relative to the file's
    // folder, not to the server's working directory.
    QString resolvePath(const QString &path) const;

private:
    QString m_path; // absolute
    QList<Entry> m_entries;
};

} // namespace Palomar::Server
