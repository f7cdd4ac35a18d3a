#pragma once

#include <QWidget>

class QLabel;
class QToolButton;

namespace Palomar::Desktop {

class AppController;
class MessageModel;
class PictureCanvas;

// The app's own picture viewer, a window over the main one: the picture
// fitted to the window with zoom (Ctrl+wheel, + and -, 1:1, Fit) and
// panning once zoomed, who sent it and when, and the chat's other
// downloaded pictures one step away (the arrows, or the ‹ › buttons). Esc
// closes it. "Save as…" asks the main window (saveAsRequested), so it
// saves where every Save as does. It reads the open chat's MessageModel and
// closes when another chat is opened.
class PictureViewer : public QWidget
{
    Q_OBJECT
public:
    PictureViewer(AppController *controller, QWidget *window);

    // Shows the picture of cache row `localId` in the viewer of `window`,
    // opening the viewer when it is not open.
    static PictureViewer *showPicture(QWidget *window, AppController *controller, qint64 localId);

    void showLocalId(qint64 localId);
    qint64 localId() const { return m_localId; }
    PictureCanvas *canvas() const { return m_canvas; }
    QString caption() const;
    // "3 / 7": where this picture is among the chat's viewable ones.
    QString position() const;
    bool hasPrevious() const { return neighbour(-1) >= 0; }
    bool hasNext() const { return neighbour(1) >= 0; }
    void showPrevious() { step(-1); }
    void showNext() { step(1); }

signals:
    void saveAsRequested(qint64 localId);

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    QToolButton *button(const QString &text, const QString &name, const QString &tip);
    // The next viewable row from the shown one in direction `step`, or -1.
    int neighbour(int step) const;
    void step(int step);
    bool isViewable(int row) const;
    void refreshControls();

    AppController *m_controller;
    MessageModel *m_model;
    PictureCanvas *m_canvas;
    QLabel *m_sender;
    QLabel *m_time;
    QLabel *m_position;
    QLabel *m_zoom;
    QToolButton *m_previous;
    QToolButton *m_next;
    qint64 m_localId = 0;
};

} // namespace Palomar::Desktop
