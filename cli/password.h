#pragma once

#include <QProcessEnvironment>
#include <QString>

namespace Palomar::Cli {

// Reads the password from, in order: the first line of `passwordFile`, the
// environment variable PALOMAR_PASSWORD, or a prompt on the controlling
// terminal with echo off. False with `error` set when none is available.
bool obtainPassword(const QString &passwordFile, const QProcessEnvironment &environment,
                    const QString &prompt, QString *password, QString *error);

// Prompts on the controlling terminal and reads one line, echoed or not.
// False when there is no terminal.
bool promptOnTerminal(const QString &prompt, bool echo, QString *line);

} // namespace Palomar::Cli
