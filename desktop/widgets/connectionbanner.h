#pragma once

#include "app/connectionkeeper.h"

#include <QTimer>
#include <QWidget>

class QLabel;
class QPushButton;

namespace Palomar::Desktop {

// The non-modal "offline" pill, after Telegram's: a spinner, "Connecting…",
// "Reconnecting in 4 s…" (with a "Try now" link) or, while the server answers
// `unavailable`, "Server unavailable. Retrying in 4 s…". It floats
// over the bottom-left corner of the chat list, hides itself when online
// and never blocks anything.
class ConnectionBanner : public QWidget
{
    Q_OBJECT
public:
    explicit ConnectionBanner(ConnectionKeeper *keeper, QWidget *parent = nullptr);

    QString text() const;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void refresh();

    ConnectionKeeper *m_keeper;
    QLabel *m_label;
    QPushButton *m_tryNow;
    QTimer m_spin;
    int m_angle = 0;
};

} // namespace Palomar::Desktop
