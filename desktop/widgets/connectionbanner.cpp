#include "connectionbanner.h"

#include "theme.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPushButton>

namespace Palomar::Desktop {

namespace {
constexpr int kSpinner = 16;
}

ConnectionBanner::ConnectionBanner(ConnectionKeeper *keeper, QWidget *parent)
    : QWidget(parent), m_keeper(keeper)
{
    setObjectName(QStringLiteral("connectionBanner"));
    m_label = new QLabel(this);
    m_label->setObjectName(QStringLiteral("connectionText"));
    Theme::bindPalette(m_label, QPalette::WindowText, Theme::Color::TextSecondary);
    m_tryNow = new QPushButton(tr("Try now"), this);
    m_tryNow->setObjectName(QStringLiteral("tryNowButton"));
    m_tryNow->setCursor(Qt::PointingHandCursor);
    m_tryNow->setFlat(true);
    connect(m_tryNow, &QPushButton::clicked, keeper, &ConnectionKeeper::retryNow);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(14 + kSpinner + 10, 6, 12, 6);
    layout->setSpacing(6);
    layout->addWidget(m_label);
    layout->addWidget(m_tryNow);

    m_spin.setInterval(40);
    connect(&m_spin, &QTimer::timeout, this, [this] {
        m_angle = (m_angle + 12) % 360;
        update(QRect(0, 0, 14 + kSpinner + 4, height()));
    });
    connect(keeper, &ConnectionKeeper::statusChanged, this, &ConnectionBanner::refresh);
    connect(keeper, &ConnectionKeeper::countdownChanged, this, &ConnectionBanner::refresh);
    refresh();
}

QString ConnectionBanner::text() const
{
    return m_label->text();
}

void ConnectionBanner::refresh()
{
    switch (m_keeper->status()) {
    case ConnectionKeeper::Status::Online:
    case ConnectionKeeper::Status::Offline:
        m_spin.stop();
        hide();
        return;
    case ConnectionKeeper::Status::Connecting:
        m_label->setText(tr("Connecting…"));
        m_tryNow->hide();
        break;
    case ConnectionKeeper::Status::Waiting:
        m_label->setText(tr("Reconnecting in %n s…", nullptr, m_keeper->secondsUntilRetry()));
        m_tryNow->show();
        break;
    case ConnectionKeeper::Status::Unavailable:
        m_label->setText(
            tr("Server unavailable. Retrying in %n s…", nullptr, m_keeper->secondsUntilRetry()));
        m_tryNow->hide();
        break;
    }
    if (!m_spin.isActive())
        m_spin.start();
    adjustSize();
    show();
    raise();
}

void ConnectionBanner::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF pill = QRectF(rect()).adjusted(1, 1, -1, -1);
    painter.setPen(QPen(Theme::fieldBorder(), 1));
    painter.setBrush(Theme::surface());
    painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2);
    const QRectF arc(14, (height() - kSpinner) / 2.0, kSpinner, kSpinner);
    painter.setPen(QPen(Theme::accent(), 2, Qt::SolidLine, Qt::RoundCap));
    painter.setBrush(Qt::NoBrush);
    painter.drawArc(arc, -m_angle * 16, 270 * 16);
}

} // namespace Palomar::Desktop
