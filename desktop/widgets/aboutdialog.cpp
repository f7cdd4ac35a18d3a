#include "aboutdialog.h"
#include "confirmdialog.h"

#include "theme.h"

#include <QApplication>
#include <QFile>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Palomar::Desktop {

AboutDialog::AboutDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("About Palomar"));
    setObjectName(QStringLiteral("aboutDialog"));

    auto *logo = new QLabel(this);
    logo->setPixmap(QApplication::windowIcon().pixmap(QSize(72, 72)));
    logo->setAlignment(Qt::AlignCenter);
    auto *name = new QLabel(QStringLiteral("Palomar"), this);
    QFont nameFont = name->font();
    nameFont.setPointSizeF(nameFont.pointSizeF() * 1.6);
    nameFont.setWeight(QFont::Bold);
    name->setFont(nameFont);
    name->setAlignment(Qt::AlignCenter);
    m_version = new QLabel(tr("Version %1").arg(QStringLiteral(PALOMAR_VERSION)), this);
    m_version->setAlignment(Qt::AlignCenter);
    m_version->setTextInteractionFlags(Qt::TextSelectableByMouse);
    Theme::bindPalette(m_version, QPalette::WindowText, Theme::Color::TextSecondary);
    auto *what = new QLabel(tr("Self-hosted messaging for you and the people you talk to."), this);
    what->setAlignment(Qt::AlignCenter);
    what->setWordWrap(true);

    m_licence = new QLabel(
        tr("Palomar is free software: you can redistribute it and modify it under the terms of "
           "the <a href=\"%1\">GNU General Public License</a>, version 3 or (at your option) "
           "any later version. It comes with absolutely no warranty.")
            .arg(licenceUrl()),
        this);
    m_licence->setWordWrap(true);
    m_licence->setAlignment(Qt::AlignCenter);
    m_licence->setTextFormat(Qt::RichText);
    m_licence->setOpenExternalLinks(true);

    m_licenceText = new QPlainTextEdit(this);
    m_licenceText->setReadOnly(true);
    m_licenceText->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    QFile licence(QStringLiteral(":/LICENSE"));
    if (licence.open(QIODevice::ReadOnly))
        m_licenceText->setPlainText(QString::fromUtf8(licence.readAll()));
    m_licenceText->setMinimumHeight(260);
    m_licenceText->hide();

    auto *show = DialogButtons::make(tr("Show licence"), DialogButtons::Kind::Secondary, this);
    show->setCheckable(true);
    connect(show, &QPushButton::toggled, this, [this, show](bool on) {
        m_licenceText->setVisible(on);
        show->setText(on ? tr("Hide licence") : tr("Show licence"));
        adjustSize();
    });
    auto *close = DialogButtons::make(tr("Close"), DialogButtons::Kind::Primary, this);
    close->setDefault(true);
    connect(close, &QPushButton::clicked, this, &QDialog::accept);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(show);
    buttons->addStretch(1);
    buttons->addWidget(close);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(28, 24, 28, 20);
    layout->setSpacing(8);
    layout->addWidget(logo);
    layout->addWidget(name);
    layout->addWidget(m_version);
    layout->addSpacing(6);
    layout->addWidget(what);
    layout->addWidget(m_licence);
    layout->addWidget(m_licenceText, 1);
    layout->addSpacing(6);
    layout->addLayout(buttons);
    setMinimumWidth(420);
}

QString AboutDialog::licenceUrl()
{
    return QStringLiteral("https://www.gnu.org/licenses/gpl-3.0.html");
}

} // namespace Palomar::Desktop
