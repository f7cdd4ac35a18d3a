#include "messageinfodialog.h"

#include "confirmdialog.h"
#include "models/people.h"
#include "theme.h"
#include "util/avatar.h"
#include "util/timeformat.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

#include <algorithm>

namespace Palomar::Desktop {

namespace {
class SmallAvatar : public QWidget
{
public:
    SmallAvatar(const QString &name, QWidget *parent) : QWidget(parent), m_name(name)
    {
        setFixedSize(30, 30);
    }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter painter(this);
        Avatar::paint(&painter, QRectF(rect()), m_name);
    }

private:
    QString m_name;
};

QString when(qint64 ts)
{
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(ts).toLocalTime();
    if (time.date() == QDate::currentDate())
        return TimeFormat::clock(ts);
    return QLocale().toString(time, QLocale::ShortFormat);
}
} // namespace

MessageInfoDialog::MessageInfoDialog(const QString &text, QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Message info"));
    setMinimumSize(340, 360);
    auto *bubble = new QLabel(text, this);
    bubble->setWordWrap(true);
    bubble->setMaximumHeight(120);
    Theme::bindStyleSheet(bubble, QStringLiteral("background: {bubbleMine}; border-radius: 10px; "
                                                 "padding: 8px 11px; color: {textPrimary};"));
    m_status = new QLabel(tr("Loading…"), this);
    Theme::bindPalette(m_status, QPalette::WindowText, Theme::Color::TextSecondary);
    auto *content = new QWidget(this);
    m_sections = new QVBoxLayout(content);
    m_sections->setContentsMargins(0, 0, 0, 0);
    m_sections->setSpacing(4);
    m_sections->addStretch();
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *close = DialogButtons::make(tr("Close"), DialogButtons::Kind::Primary, this);
    close->setDefault(true);
    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 18, 20, 14);
    layout->setSpacing(10);
    layout->addWidget(bubble);
    layout->addWidget(m_status);
    layout->addWidget(scroll, 1);
    layout->addLayout(DialogButtons::row({close}));
}

void MessageInfoDialog::setError(const QString &message)
{
    m_status->setText(tr("Could not load the message info: %1").arg(message));
}

void MessageInfoDialog::addSection(const QString &title,
                                   const QList<std::pair<QString, qint64>> &rows,
                                   const QHash<QString, QString> &trailing)
{
    if (rows.isEmpty())
        return;
    const int at = m_sections->count() - 1; // before the stretch
    auto *heading = new QLabel(title, this);
    QFont font = heading->font();
    font.setWeight(QFont::DemiBold);
    heading->setFont(font);
    heading->setContentsMargins(0, 8, 0, 2);
    m_sections->insertWidget(at, heading);
    int offset = 1;
    for (const auto &[user, ts] : rows) {
        auto *row = new QWidget(this);
        row->setAccessibleName(QStringLiteral("%1:%2").arg(title, user));
        auto *layout = new QHBoxLayout(row);
        layout->setContentsMargins(0, 2, 0, 2);
        layout->setSpacing(10);
        layout->addWidget(new SmallAvatar(user, row));
        // The name shown, the username as its tooltip when they differ.
        auto *name = new QLabel(m_people ? m_people->displayName(user) : user, row);
        if (name->text() != user)
            name->setToolTip(user);
        layout->addWidget(name, 1);
        if (ts > 0 || trailing.contains(user)) {
            auto *time = new QLabel(ts > 0 ? when(ts) : trailing.value(user), row);
            Theme::bindPalette(time, QPalette::WindowText, Theme::Color::TextSecondary);
            layout->addWidget(time);
        }
        m_sections->insertWidget(at + offset++, row);
    }
}

void MessageInfoDialog::setInfo(const Client::MessageInfo &info)
{
    QList<std::pair<QString, qint64>> read, delivered, waiting;
    for (const Client::MemberReceipt &receipt : info.receipts) {
        if (receipt.read > 0)
            read.append({receipt.user, receipt.read});
        else if (receipt.delivered > 0)
            delivered.append({receipt.user, receipt.delivered});
        else
            waiting.append({receipt.user, 0});
    }
    m_status->setText(tr("Read by %1 of %2 · received by %3 of %2")
                          .arg(read.size())
                          .arg(info.receipts.size())
                          .arg(read.size() + delivered.size()));
    addSection(tr("Read by"), read);
    addSection(tr("Delivered to"), delivered);
    addSection(tr("Not yet received"), waiting);
}

void MessageInfoDialog::setReactions(const QMap<QString, QStringList> &reactions)
{
    QList<std::pair<QString, qint64>> rows;
    QHash<QString, QString> emoji;
    for (auto it = reactions.constBegin(); it != reactions.constEnd(); ++it) {
        for (const QString &user : it.value()) {
            rows.append({user, 0});
            emoji.insert(user, it.key());
        }
    }
    std::sort(rows.begin(), rows.end(), [](const auto &a, const auto &b) {
        return a.first.compare(b.first, Qt::CaseInsensitive) < 0;
    });
    addSection(tr("Reactions"), rows, emoji);
}

} // namespace Palomar::Desktop
