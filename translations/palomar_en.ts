<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>Autostart</name>
    <message>
        <source>Could not remove %1.</source>
        <translation>Could not remove %1.</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Could not write %1: %2</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::AboutDialog</name>
    <message>
        <source>About Palomar</source>
        <translation>About Palomar</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <source>Self-hosted messaging for you and the people you talk to.</source>
        <translation>Self-hosted messaging for you and the people you talk to.</translation>
    </message>
    <message>
        <source>Palomar is free software: you can redistribute it and modify it under the terms of the &lt;a href=&quot;%1&quot;&gt;GNU General Public License&lt;/a&gt;, version 3 or (at your option) any later version. It comes with absolutely no warranty.</source>
        <translation>Palomar is free software: you can redistribute it and modify it under the terms of the &lt;a href=&quot;%1&quot;&gt;GNU General Public License&lt;/a&gt;, version 3 or (at your option) any later version. It comes with absolutely no warranty.</translation>
    </message>
    <message>
        <source>Show licence</source>
        <translation>Show licence</translation>
    </message>
    <message>
        <source>Hide licence</source>
        <translation>Hide licence</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::AddFriendDialog</name>
    <message>
        <source>Add a friend</source>
        <translation>Add a friend</translation>
    </message>
    <message>
        <source>Enter their Palomar username. They will see your request and can accept it.</source>
        <translation>Enter their Palomar username. They will see your request and can accept it.</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Send request</source>
        <translation>Send request</translation>
    </message>
    <message>
        <source>There is no user called “%1”.</source>
        <translation>There is no user called “%1”.</translation>
    </message>
    <message>
        <source>You and %1 are already friends.</source>
        <translation>You and %1 are already friends.</translation>
    </message>
    <message>
        <source>You have already asked %1. Waiting for an answer.</source>
        <translation>You have already asked %1. Waiting for an answer.</translation>
    </message>
    <message>
        <source>That is not a valid username.</source>
        <translation>That is not a valid username.</translation>
    </message>
    <message>
        <source>You are offline. Try again once Palomar has reconnected.</source>
        <translation>You are offline. Try again once Palomar has reconnected.</translation>
    </message>
    <message>
        <source>Too many requests. Wait a moment and try again.</source>
        <translation>Too many requests. Wait a moment and try again.</translation>
    </message>
    <message>
        <source>The request could not be sent (%1).</source>
        <translation>The request could not be sent (%1).</translation>
    </message>
    <message>
        <source>Enter a username.</source>
        <translation>Enter a username.</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Sending…</translation>
    </message>
    <message>
        <source>That is you: you cannot add yourself as a friend.</source>
        <translation>That is you: you cannot add yourself as a friend.</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::AppController</name>
    <message>
        <source>%1 in %2</source>
        <translation>%1 in %2</translation>
    </message>
    <message>
        <source>Too large for this server</source>
        <translation>Too large for this server</translation>
    </message>
    <message>
        <source>The file arrived damaged</source>
        <translation>The file arrived damaged</translation>
    </message>
    <message>
        <source>No longer on the server</source>
        <translation>No longer on the server</translation>
    </message>
    <message>
        <source>Cannot read the file</source>
        <translation>Cannot read the file</translation>
    </message>
    <message>
        <source>Cannot save the file</source>
        <translation>Cannot save the file</translation>
    </message>
    <message>
        <source>Not allowed</source>
        <translation>Not allowed</translation>
    </message>
    <message>
        <source>Connection lost</source>
        <translation>Connection lost</translation>
    </message>
    <message>
        <source>“%1” is a folder: only files can be sent.</source>
        <translation>“%1” is a folder: only files can be sent.</translation>
    </message>
    <message>
        <source>“%1” cannot be read.</source>
        <translation>“%1” cannot be read.</translation>
    </message>
    <message>
        <source>“%1” is %2: this server takes files up to %3.</source>
        <translation>“%1” is %2: this server takes files up to %3.</translation>
    </message>
    <message>
        <source>No application could open “%1”.</source>
        <translation>No application could open “%1”.</translation>
    </message>
    <message>
        <source>“%1” is no longer on this computer.</source>
        <translation>“%1” is no longer on this computer.</translation>
    </message>
    <message>
        <source>Could not save “%1”.</source>
        <translation>Could not save “%1”.</translation>
    </message>
    <message>
        <source>message</source>
        <translation>message</translation>
    </message>
    <message>
        <source>Could not write the text to a file: %1</source>
        <translation>Could not write the text to a file: %1</translation>
    </message>
    <message>
        <source>picture</source>
        <translation>picture</translation>
    </message>
    <message>
        <source>Could not keep the pasted picture: %1</source>
        <translation>Could not keep the pasted picture: %1</translation>
    </message>
    <message>
        <source>Too long for one message: split it or send it as a file</source>
        <translation>Too long for one message: split it or send it as a file</translation>
    </message>
    <message>
        <source>Not sent: you are not friends with this person any more</source>
        <translation>Not sent: you are not friends with this person any more</translation>
    </message>
    <message>
        <source>Not sent: this account does not exist any more</source>
        <translation>Not sent: this account does not exist any more</translation>
    </message>
    <message>
        <source>Not sent: you are not a member of this group</source>
        <translation>Not sent: you are not a member of this group</translation>
    </message>
    <message>
        <source>Not sent: the server refused it (%1)</source>
        <translation>Not sent: the server refused it (%1)</translation>
    </message>
    <message>
        <source>Too late to change this message: the server allows it only for a while after sending (%1)</source>
        <translation>Too late to change this message: the server allows it only for a while after sending (%1)</translation>
    </message>
    <message>
        <source>This message is no longer there (deleted, or not in this chat)</source>
        <translation>This message is no longer there (deleted, or not in this chat)</translation>
    </message>
    <message>
        <source>Only its sender can change this message</source>
        <translation>Only its sender can change this message</translation>
    </message>
    <message>
        <source>Not forwarded to %1: %2</source>
        <translation>Not forwarded to %1: %2</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::CertificateDialog</name>
    <message>
        <source>Server identity changed</source>
        <translation>Server identity changed</translation>
    </message>
    <message>
        <source>New server</source>
        <translation>New server</translation>
    </message>
    <message>
        <source>WARNING: the identity of %1 has changed!</source>
        <translation>WARNING: the identity of %1 has changed!</translation>
    </message>
    <message>
        <source>The server presented a different certificate from the one you trusted before. Someone may be intercepting the connection to read your messages and password. Palomar will not connect. Replace the trusted certificate only if the server&apos;s operator told you it was replaced and the new fingerprint below matches theirs.</source>
        <translation>The server presented a different certificate from the one you trusted before. Someone may be intercepting the connection to read your messages and password. Palomar will not connect. Replace the trusted certificate only if the server&apos;s operator told you it was replaced and the new fingerprint below matches theirs.</translation>
    </message>
    <message>
        <source>Is %1 the server you expect?</source>
        <translation>Is %1 the server you expect?</translation>
    </message>
    <message>
        <source>This server&apos;s certificate is not signed by an authority this computer trusts (it is probably self-signed). Compare its fingerprint with the one the server&apos;s operator gave you. If they match, Palomar will remember this server and warn you if its certificate ever changes.</source>
        <translation>This server&apos;s certificate is not signed by an authority this computer trusts (it is probably self-signed). Compare its fingerprint with the one the server&apos;s operator gave you. If they match, Palomar will remember this server and warn you if its certificate ever changes.</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Server:</translation>
    </message>
    <message>
        <source>Issued to:</source>
        <translation>Issued to:</translation>
    </message>
    <message>
        <source>Issued by:</source>
        <translation>Issued by:</translation>
    </message>
    <message>
        <source>Valid until:</source>
        <translation>Valid until:</translation>
    </message>
    <message>
        <source>New SHA-256 fingerprint:</source>
        <translation>New SHA-256 fingerprint:</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint:</source>
        <translation>SHA-256 fingerprint:</translation>
    </message>
    <message>
        <source>Trusted until now:</source>
        <translation>Trusted until now:</translation>
    </message>
    <message>
        <source>I have checked the new fingerprint with the server&apos;s operator</source>
        <translation>I have checked the new fingerprint with the server&apos;s operator</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Replace the trusted certificate</source>
        <translation>Replace the trusted certificate</translation>
    </message>
    <message>
        <source>Trust this server</source>
        <translation>Trust this server</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::ChatListDelegate</name>
    <message>
        <source>No messages yet</source>
        <translation>No messages yet</translation>
    </message>
    <message>
        <source>You: %1</source>
        <translation>You: %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Draft:</source>
        <translation>Draft:</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::ChatListModel</name>
    <message>
        <source>This message was deleted</source>
        <translation>This message was deleted</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::ChatPage</name>
    <message>
        <source>Send (Enter)</source>
        <translation>Send (Enter)</translation>
    </message>
    <message>
        <source>online</source>
        <translation>online</translation>
    </message>
    <message>
        <source>waiting for network…</source>
        <translation>waiting for network…</translation>
    </message>
    <message>
        <source>Group info</source>
        <translation>Group info</translation>
    </message>
    <message>
        <source>You are no longer a member of this group</source>
        <translation>You are no longer a member of this group</translation>
    </message>
    <message>
        <source>Send a file</source>
        <translation>Send a file</translation>
    </message>
    <message>
        <source>Send files to %1</source>
        <translation>Send files to %1</translation>
    </message>
    <message>
        <source>Drop files here to send them to %1</source>
        <translation>Drop files here to send them to %1</translation>
    </message>
    <message>
        <source>Emoji</source>
        <translation>Emoji</translation>
    </message>
    <message numerus="yes">
        <source>%n byte(s) left in this message</source>
        <translation>
            <numerusform>%n byte left in this message</numerusform>
            <numerusform>%n bytes left in this message</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n byte(s) over the limit of one message: it will be split or sent as a file</source>
        <translation>
            <numerusform>%n byte over the limit of one message: it will be split or sent as a file</numerusform>
            <numerusform>%n bytes over the limit of one message: it will be split or sent as a file</numerusform>
        </translation>
    </message>
    <message>
        <source>Back to the chat list</source>
        <translation>Back to the chat list</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>Photo</translation>
    </message>
    <message>
        <source>Reply to your message</source>
        <translation>Reply to your message</translation>
    </message>
    <message>
        <source>Reply to %1</source>
        <translation>Reply to %1</translation>
    </message>
    <message>
        <source>Editing</source>
        <translation>Editing</translation>
    </message>
    <message>
        <source>The message could not be loaded: no connection to the server</source>
        <translation>The message could not be loaded: no connection to the server</translation>
    </message>
    <message>
        <source>That message is not in this chat any more</source>
        <translation>That message is not in this chat any more</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::ComposeActionBar</name>
    <message>
        <source>Cancel (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::ComposeEdit</name>
    <message>
        <source>Write a message…</source>
        <translation>Write a message…</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::ConfirmDialog</name>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::ConnectionBanner</name>
    <message>
        <source>Try now</source>
        <translation>Try now</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connecting…</translation>
    </message>
    <message numerus="yes">
        <source>Reconnecting in %n s…</source>
        <translation>
            <numerusform>Reconnecting in %n s…</numerusform>
            <numerusform>Reconnecting in %n s…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Server unavailable. Retrying in %n s…</source>
        <translation>
            <numerusform>Server unavailable. Retrying in %n s…</numerusform>
            <numerusform>Server unavailable. Retrying in %n s…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::DBusNotifier</name>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::FindBar</name>
    <message>
        <source>Find in this chat</source>
        <translation>Find in this chat</translation>
    </message>
    <message>
        <source>Older match (Enter)</source>
        <translation>Older match (Enter)</translation>
    </message>
    <message>
        <source>Newer match (Shift+Enter)</source>
        <translation>Newer match (Shift+Enter)</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <source>No results</source>
        <translation>No results</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 of %2</translation>
    </message>
    <message>
        <source>Search failed: %1</source>
        <translation>Search failed: %1</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Searching…</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::ForwardDialog</name>
    <message>
        <source>Forward</source>
        <translation>Forward</translation>
    </message>
    <message>
        <source>Search chats</source>
        <translation>Search chats</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Forward to…</source>
        <translation>Forward to…</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::FriendRequestsView</name>
    <message>
        <source>FRIEND REQUESTS</source>
        <translation>FRIEND REQUESTS</translation>
    </message>
    <message>
        <source>wants to be your friend</source>
        <translation>wants to be your friend</translation>
    </message>
    <message>
        <source>request sent</source>
        <translation>request sent</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Accept</translation>
    </message>
    <message>
        <source>Decline</source>
        <translation>Decline</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::GroupInfoPanel</name>
    <message>
        <source>Group info</source>
        <translation>Group info</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Rename</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>+  Add member</source>
        <translation>+  Add member</translation>
    </message>
    <message>
        <source>You are no longer a member of this group.</source>
        <translation>You are no longer a member of this group.</translation>
    </message>
    <message>
        <source>Leave group</source>
        <translation>Leave group</translation>
    </message>
    <message numerus="yes">
        <source>Group · %n member(s)</source>
        <translation>
            <numerusform>Group · %n member</numerusform>
            <numerusform>Group · %n members</numerusform>
        </translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>%1 (you)</source>
        <translation>%1 (you)</translation>
    </message>
    <message>
        <source>admin</source>
        <translation>admin</translation>
    </message>
    <message>
        <source>Remove %1 from the group</source>
        <translation>Remove %1 from the group</translation>
    </message>
    <message>
        <source>All your friends are already in this group.</source>
        <translation>All your friends are already in this group.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Remove from group</source>
        <translation>Remove from group</translation>
    </message>
    <message>
        <source>Remove member</source>
        <translation>Remove member</translation>
    </message>
    <message>
        <source>Remove %1 from “%2”? They will no longer get the group&apos;s messages.</source>
        <translation>Remove %1 from “%2”? They will no longer get the group&apos;s messages.</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::Launcher</name>
    <message>
        <source>No keychain is available, so this session will not be remembered. You will log in with your password next time.</source>
        <translation>No keychain is available, so this session will not be remembered. You will log in with your password next time.</translation>
    </message>
    <message>
        <source>Your session has ended. Please log in again.</source>
        <translation>Your session has ended. Please log in again.</translation>
    </message>
    <message>
        <source>You logged in somewhere else, so this window was logged out.</source>
        <translation>You logged in somewhere else, so this window was logged out.</translation>
    </message>
    <message>
        <source>Not connected: the certificate of %1 is not trusted.</source>
        <translation>Not connected: the certificate of %1 is not trusted.</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::LoginDialog</name>
    <message>
        <source>Palomar</source>
        <translation>Palomar</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Create your account</source>
        <translation>Create your account</translation>
    </message>
    <message>
        <source>Welcome to Palomar</source>
        <translation>Welcome to Palomar</translation>
    </message>
    <message>
        <source>Pick a username and a password of at least 8 characters.</source>
        <translation>Pick a username and a password of at least 8 characters.</translation>
    </message>
    <message>
        <source>Log in to chat with your friends.</source>
        <translation>Log in to chat with your friends.</translation>
    </message>
    <message>
        <source>host:port</source>
        <translation>host:port</translation>
    </message>
    <message>
        <source>Your username</source>
        <translation>Your username</translation>
    </message>
    <message>
        <source>Your password</source>
        <translation>Your password</translation>
    </message>
    <message>
        <source>Remember me on this computer</source>
        <translation>Remember me on this computer</translation>
    </message>
    <message>
        <source>Log out the other session and continue</source>
        <translation>Log out the other session and continue</translation>
    </message>
    <message>
        <source>Already have an account?</source>
        <translation>Already have an account?</translation>
    </message>
    <message>
        <source>New to Palomar?</source>
        <translation>New to Palomar?</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>Create an account</source>
        <translation>Create an account</translation>
    </message>
    <message>
        <source>Create account</source>
        <translation>Create account</translation>
    </message>
    <message>
        <source>Wrong username or password.</source>
        <translation>Wrong username or password.</translation>
    </message>
    <message>
        <source>That username is already taken. Please choose another one.</source>
        <translation>That username is already taken. Please choose another one.</translation>
    </message>
    <message>
        <source>Usernames have 1 to 32 characters: letters, digits, “_”, “.” or “-”.</source>
        <translation>Usernames have 1 to 32 characters: letters, digits, “_”, “.” or “-”.</translation>
    </message>
    <message>
        <source>The password is too weak: use at least 8 characters.</source>
        <translation>The password is too weak: use at least 8 characters.</translation>
    </message>
    <message numerus="yes">
        <source>Too many attempts. Please wait %n second(s) and try again.</source>
        <translation>
            <numerusform>Too many attempts. Please wait %n second and try again.</numerusform>
            <numerusform>Too many attempts. Please wait %n seconds and try again.</numerusform>
        </translation>
    </message>
    <message>
        <source>This account is already logged in somewhere else.</source>
        <translation>This account is already logged in somewhere else.</translation>
    </message>
    <message>
        <source>Could not connect to %1. Check the address and that the server is running.</source>
        <translation>Could not connect to %1. Check the address and that the server is running.</translation>
    </message>
    <message>
        <source>This server speaks a different version of the Palomar protocol.</source>
        <translation>This server speaks a different version of the Palomar protocol.</translation>
    </message>
    <message>
        <source>The local message cache could not be opened.</source>
        <translation>The local message cache could not be opened.</translation>
    </message>
    <message>
        <source>The server had a problem. Please try again in a moment.</source>
        <translation>The server had a problem. Please try again in a moment.</translation>
    </message>
    <message>
        <source>The server refused: %1</source>
        <translation>The server refused: %1</translation>
    </message>
    <message>
        <source>Something went wrong (%1).</source>
        <translation>Something went wrong (%1).</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <source>Enter the server as host:port, for example 127.0.0.1:7878.</source>
        <translation>Enter the server as host:port, for example 127.0.0.1:7878.</translation>
    </message>
    <message>
        <source>Enter your username.</source>
        <translation>Enter your username.</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>Enter your password.</translation>
    </message>
    <message>
        <source>Secure connection (TLS)</source>
        <translation>Secure connection (TLS)</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted, so Palomar did not connect.</source>
        <translation>The server&apos;s certificate is not trusted, so Palomar did not connect.</translation>
    </message>
    <message>
        <source>Server unavailable, retrying…</source>
        <translation>Server unavailable, retrying…</translation>
    </message>
    <message>
        <source>Invitation code</source>
        <translation>Invitation code</translation>
    </message>
    <message>
        <source>From the server&apos;s administrator</source>
        <translation>From the server&apos;s administrator</translation>
    </message>
    <message>
        <source>Registration is closed on this server: new accounts cannot be created. Ask its administrator for one.</source>
        <translation>Registration is closed on this server: new accounts cannot be created. Ask its administrator for one.</translation>
    </message>
    <message>
        <source>Registration is closed on this server: new accounts cannot be created.</source>
        <translation>Registration is closed on this server: new accounts cannot be created.</translation>
    </message>
    <message>
        <source>This server registers new accounts by invitation: enter your invitation code.</source>
        <translation>This server registers new accounts by invitation: enter your invitation code.</translation>
    </message>
    <message>
        <source>That invitation code cannot be used: it is unknown, used, revoked or expired.</source>
        <translation>That invitation code cannot be used: it is unknown, used, revoked or expired.</translation>
    </message>
    <message>
        <source>No keychain is available on this computer, so Palomar cannot remember your session: you will log in with your password each time.</source>
        <translation>No keychain is available on this computer, so Palomar cannot remember your session: you will log in with your password each time.</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::LogoutDialog</name>
    <message>
        <source>Log out</source>
        <translation>Log out</translation>
    </message>
    <message>
        <source>Log out of %1?</source>
        <translation>Log out of %1?</translation>
    </message>
    <message>
        <source>You will need your password to log in to %1 again.</source>
        <translation>You will need your password to log in to %1 again.</translation>
    </message>
    <message>
        <source>Also remove this account&apos;s data from this computer</source>
        <translation>Also remove this account&apos;s data from this computer</translation>
    </message>
    <message>
        <source>That is the messages, pictures and drafts kept here for it. Your messages stay on the server; files you saved in your downloads folder are not touched.</source>
        <translation>That is the messages, pictures and drafts kept here for it. Your messages stay on the server; files you saved in your downloads folder are not touched.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::LongMessageDialog</name>
    <message>
        <source>Message too long</source>
        <translation>Message too long</translation>
    </message>
    <message>
        <source>This message is too long</source>
        <translation>This message is too long</translation>
    </message>
    <message>
        <source>It is %1 bytes long; the server takes at most %2 bytes in one message. Send it as several messages, or as a text file?</source>
        <translation>It is %1 bytes long; the server takes at most %2 bytes in one message. Send it as several messages, or as a text file?</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Send as a file</source>
        <translation>Send as a file</translation>
    </message>
    <message numerus="yes">
        <source>Send as %n messages</source>
        <translation>
            <numerusform>Send as %n message</numerusform>
            <numerusform>Send as %n messages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::MainWindow</name>
    <message>
        <source>Select a chat to start messaging</source>
        <translation>Select a chat to start messaging</translation>
    </message>
    <message>
        <source>Chats</source>
        <translation>Chats</translation>
    </message>
    <message>
        <source>Add a friend</source>
        <translation>Add a friend</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>Menu</translation>
    </message>
    <message>
        <source>Add a friend…</source>
        <translation>Add a friend…</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>Log out</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>(%1) Palomar</source>
        <translation>(%1) Palomar</translation>
    </message>
    <message>
        <source>Palomar</source>
        <translation>Palomar</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Connected</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connecting…</translation>
    </message>
    <message numerus="yes">
        <source>Offline. Reconnecting in %n s…</source>
        <translation>
            <numerusform>Offline. Reconnecting in %n s…</numerusform>
            <numerusform>Offline. Reconnecting in %n s…</numerusform>
        </translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 on %2</translation>
    </message>
    <message>
        <source>New group…</source>
        <translation>New group…</translation>
    </message>
    <message>
        <source>Group: %1</source>
        <translation>Group: %1</translation>
    </message>
    <message>
        <source>Leave group</source>
        <translation>Leave group</translation>
    </message>
    <message>
        <source>Leave this group? You will keep its messages but get no new ones.</source>
        <translation>Leave this group? You will keep its messages but get no new ones.</translation>
    </message>
    <message>
        <source>You are no longer a member</source>
        <translation>You are no longer a member</translation>
    </message>
    <message>
        <source>you</source>
        <translation>you</translation>
    </message>
    <message numerus="yes">
        <source>%n member(s): %1</source>
        <translation>
            <numerusform>%n member: %1</numerusform>
            <numerusform>%n members: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>Save as</translation>
    </message>
    <message numerus="yes">
        <source>Connected, server unavailable. Retrying in %n s…</source>
        <translation>
            <numerusform>Connected, server unavailable. Retrying in %n s…</numerusform>
            <numerusform>Connected, server unavailable. Retrying in %n s…</numerusform>
        </translation>
    </message>
    <message>
        <source>Keyboard shortcuts…</source>
        <translation>Keyboard shortcuts…</translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation>Unpin</translation>
    </message>
    <message>
        <source>Pin to top</source>
        <translation>Pin to top</translation>
    </message>
    <message>
        <source>Unmute</source>
        <translation>Unmute</translation>
    </message>
    <message>
        <source>Mute</source>
        <translation>Mute</translation>
    </message>
    <message>
        <source>Mark as unread</source>
        <translation>Mark as unread</translation>
    </message>
    <message>
        <source>Delete chat…</source>
        <translation>Delete chat…</translation>
    </message>
    <message>
        <source>Unfriend…</source>
        <translation>Unfriend…</translation>
    </message>
    <message>
        <source>Delete chat</source>
        <translation>Delete chat</translation>
    </message>
    <message>
        <source>Delete the history of your chat with %1 from this computer? It stays on the server and with the others, and the chat comes back when someone writes in it.</source>
        <translation>Delete the history of your chat with %1 from this computer? It stays on the server and with the others, and the chat comes back when someone writes in it.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Unfriend</source>
        <translation>Unfriend</translation>
    </message>
    <message>
        <source>Remove %1 from your friends? Neither of you will be able to write to the other until one sends a friend request again.</source>
        <translation>Remove %1 from your friends? Neither of you will be able to write to the other until one sends a friend request again.</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <source>About Palomar</source>
        <translation>About Palomar</translation>
    </message>
    <message>
        <source>Delete for me</source>
        <translation>Delete for me</translation>
    </message>
    <message>
        <source>Delete this message from this computer? The others in the chat keep it.</source>
        <translation>Delete this message from this computer? The others in the chat keep it.</translation>
    </message>
    <message>
        <source>Block…</source>
        <translation>Block…</translation>
    </message>
    <message>
        <source>Block</source>
        <translation>Block</translation>
    </message>
    <message>
        <source>Block %1? They will no longer be your friend, their messages and friend requests will be refused, and they will not see when you are online. In groups you share, their new messages are hidden from you.</source>
        <translation>Block %1? They will no longer be your friend, their messages and friend requests will be refused, and they will not see when you are online. In groups you share, their new messages are hidden from you.</translation>
    </message>
    <message>
        <source>Delete for everyone</source>
        <translation>Delete for everyone</translation>
    </message>
    <message>
        <source>Delete this message for everyone in the chat? It is replaced by &quot;This message was deleted&quot; for all of you.</source>
        <translation>Delete this message for everyone in the chat? It is replaced by &quot;This message was deleted&quot; for all of you.</translation>
    </message>
    <message>
        <source>Profile…</source>
        <translation>Profile…</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::MessageDelegate</name>
    <message>
        <source>Retry</source>
        <translation>Retry</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 of %2</translation>
    </message>
    <message>
        <source>Waiting for network…</source>
        <translation>Waiting for network…</translation>
    </message>
    <message>
        <source>%1 · Retry</source>
        <translation>%1 · Retry</translation>
    </message>
    <message>
        <source>Not sent · Retry</source>
        <translation>Not sent · Retry</translation>
    </message>
    <message>
        <source>New messages</source>
        <translation>New messages</translation>
    </message>
    <message>
        <source>edited %1</source>
        <translation>edited %1</translation>
    </message>
    <message>
        <source>This message was deleted</source>
        <translation>This message was deleted</translation>
    </message>
    <message>
        <source>Forwarded</source>
        <translation>Forwarded</translation>
    </message>
    <message>
        <source>You</source>
        <translation>You</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::MessageInfoDialog</name>
    <message>
        <source>Message info</source>
        <translation>Message info</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>Could not load the message info: %1</source>
        <translation>Could not load the message info: %1</translation>
    </message>
    <message>
        <source>Read by %1 of %2 · received by %3 of %2</source>
        <translation>Read by %1 of %2 · received by %3 of %2</translation>
    </message>
    <message>
        <source>Read by</source>
        <translation>Read by</translation>
    </message>
    <message>
        <source>Delivered to</source>
        <translation>Delivered to</translation>
    </message>
    <message>
        <source>Not yet received</source>
        <translation>Not yet received</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Reactions</source>
        <translation>Reactions</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::MessageMenu</name>
    <message>
        <source>Not sent</source>
        <translation>Not sent</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Retry</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Download and open</source>
        <translation>Download and open</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Save as…</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>Show in folder</translation>
    </message>
    <message>
        <source>Copy selected text</source>
        <translation>Copy selected text</translation>
    </message>
    <message>
        <source>Copy text</source>
        <translation>Copy text</translation>
    </message>
    <message>
        <source>Copy link</source>
        <translation>Copy link</translation>
    </message>
    <message>
        <source>Select text</source>
        <translation>Select text</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>Delete for me…</source>
        <translation>Delete for me…</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Reply</translation>
    </message>
    <message>
        <source>Forward…</source>
        <translation>Forward…</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>Delete for everyone…</source>
        <translation>Delete for everyone…</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::MessageModel</name>
    <message>
        <source>Message not loaded</source>
        <translation>Message not loaded</translation>
    </message>
    <message>
        <source>Deleted message</source>
        <translation>Deleted message</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>Photo</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::NewGroupDialog</name>
    <message>
        <source>New group</source>
        <translation>New group</translation>
    </message>
    <message>
        <source>Group name</source>
        <translation>Group name</translation>
    </message>
    <message>
        <source>Add friends</source>
        <translation>Add friends</translation>
    </message>
    <message>
        <source>No friends yet: add some first.</source>
        <translation>No friends yet: add some first.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Create</translation>
    </message>
    <message numerus="yes">
        <source>%n selected</source>
        <translation>
            <numerusform>%n selected</numerusform>
            <numerusform>%n selected</numerusform>
        </translation>
    </message>
    <message>
        <source>Creating…</source>
        <translation>Creating…</translation>
    </message>
    <message>
        <source>You can only add your friends.</source>
        <translation>You can only add your friends.</translation>
    </message>
    <message>
        <source>One of them no longer has an account.</source>
        <translation>One of them no longer has an account.</translation>
    </message>
    <message>
        <source>Group names have 1 to 64 characters.</source>
        <translation>Group names have 1 to 64 characters.</translation>
    </message>
    <message>
        <source>You are offline. Try again once Palomar has reconnected.</source>
        <translation>You are offline. Try again once Palomar has reconnected.</translation>
    </message>
    <message>
        <source>The group could not be created (%1).</source>
        <translation>The group could not be created (%1).</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::PictureViewer</name>
    <message>
        <source>Zoom out (-)</source>
        <translation>Zoom out (-)</translation>
    </message>
    <message>
        <source>Zoom in (+)</source>
        <translation>Zoom in (+)</translation>
    </message>
    <message>
        <source>Actual size (1)</source>
        <translation>Actual size (1)</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Fit</translation>
    </message>
    <message>
        <source>Fit to window (0)</source>
        <translation>Fit to window (0)</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Save as…</translation>
    </message>
    <message>
        <source>Save a copy (Ctrl+S)</source>
        <translation>Save a copy (Ctrl+S)</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <source>Previous picture (Left)</source>
        <translation>Previous picture (Left)</translation>
    </message>
    <message>
        <source>Next picture (Right)</source>
        <translation>Next picture (Right)</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>“%1” cannot be shown: %2</source>
        <translation>“%1” cannot be shown: %2</translation>
    </message>
    <message>
        <source>You</source>
        <translation>You</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::ProfileDialog</name>
    <message>
        <source>Profile</source>
        <translation>Profile</translation>
    </message>
    <message>
        <source>Choose picture…</source>
        <translation>Choose picture…</translation>
    </message>
    <message>
        <source>Remove picture</source>
        <translation>Remove picture</translation>
    </message>
    <message>
        <source>Username: %1</source>
        <translation>Username: %1</translation>
    </message>
    <message>
        <source>Display name (shown instead of your username)</source>
        <translation>Display name (shown instead of your username)</translation>
    </message>
    <message>
        <source>Save profile</source>
        <translation>Save profile</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Your profile could not be read (%1).</source>
        <translation>Your profile could not be read (%1).</translation>
    </message>
    <message>
        <source>Change password</source>
        <translation>Change password</translation>
    </message>
    <message>
        <source>Your other sessions will be logged out.</source>
        <translation>Your other sessions will be logged out.</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>Current password</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>New password</translation>
    </message>
    <message>
        <source>Repeat the new password</source>
        <translation>Repeat the new password</translation>
    </message>
    <message>
        <source>Choose a picture</source>
        <translation>Choose a picture</translation>
    </message>
    <message>
        <source>Pictures (*.png *.jpg *.jpeg *.webp *.bmp *.gif)</source>
        <translation>Pictures (*.png *.jpg *.jpeg *.webp *.bmp *.gif)</translation>
    </message>
    <message>
        <source>That file is not a picture Palomar can read.</source>
        <translation>That file is not a picture Palomar can read.</translation>
    </message>
    <message numerus="yes">
        <source>A display name has at most %n characters.</source>
        <translation>
            <numerusform>A display name has at most %n character.</numerusform>
            <numerusform>A display name has at most %n characters.</numerusform>
        </translation>
    </message>
    <message>
        <source>The picture is too large for the server.</source>
        <translation>The picture is too large for the server.</translation>
    </message>
    <message>
        <source>Not connected: try again when the connection is back.</source>
        <translation>Not connected: try again when the connection is back.</translation>
    </message>
    <message>
        <source>The profile was not saved: %1</source>
        <translation>The profile was not saved: %1</translation>
    </message>
    <message>
        <source>Profile saved.</source>
        <translation>Profile saved.</translation>
    </message>
    <message>
        <source>The current password is wrong.</source>
        <translation>The current password is wrong.</translation>
    </message>
    <message>
        <source>The new password must have %1 to %2 characters.</source>
        <translation>The new password must have %1 to %2 characters.</translation>
    </message>
    <message>
        <source>Too many wrong passwords: wait a few minutes and try again.</source>
        <translation>Too many wrong passwords: wait a few minutes and try again.</translation>
    </message>
    <message>
        <source>The password was not changed: %1</source>
        <translation>The password was not changed: %1</translation>
    </message>
    <message>
        <source>The new passwords do not match.</source>
        <translation>The new passwords do not match.</translation>
    </message>
    <message>
        <source>Password changed. Your other sessions have been logged out.</source>
        <translation>Password changed. Your other sessions have been logged out.</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::QuickSwitcher</name>
    <message>
        <source>Go to chat…</source>
        <translation>Go to chat…</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::ReactionBar</name>
    <message>
        <source>Remove my reaction</source>
        <translation>Remove my reaction</translation>
    </message>
    <message>
        <source>React with %1</source>
        <translation>React with %1</translation>
    </message>
    <message>
        <source>More…</source>
        <translation>More…</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::RenameGroupDialog</name>
    <message>
        <source>Rename group</source>
        <translation>Rename group</translation>
    </message>
    <message>
        <source>Group name</source>
        <translation>Group name</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::SearchResultsView</name>
    <message>
        <source>You: </source>
        <translation>You: </translation>
    </message>
    <message>
        <source>%1: </source>
        <translation>%1: </translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Messages</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <source>Search failed: %1</source>
        <translation>Search failed: %1</translation>
    </message>
    <message>
        <source>No messages found</source>
        <translation>No messages found</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::SendFilesDialog</name>
    <message>
        <source>Send to %1</source>
        <translation>Send to %1</translation>
    </message>
    <message numerus="yes">
        <source>Send %n picture(s)</source>
        <translation>
            <numerusform>Send %n picture</numerusform>
            <numerusform>Send %n pictures</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Send %n file(s)</source>
        <translation>
            <numerusform>Send %n file</numerusform>
            <numerusform>Send %n files</numerusform>
        </translation>
    </message>
    <message>
        <source>Compress pictures</source>
        <translation>Compress pictures</translation>
    </message>
    <message>
        <source>Smaller and faster to send. Untick to send the original files.</source>
        <translation>Smaller and faster to send. Untick to send the original files.</translation>
    </message>
    <message>
        <source>Add a caption…</source>
        <translation>Add a caption…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Send</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Show notifications for new messages</source>
        <translation>Show notifications for new messages</translation>
    </message>
    <message>
        <source>Play a sound</source>
        <translation>Play a sound</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Follow the system</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Light</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dark</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>The system&apos;s language</source>
        <translation>The system&apos;s language</translation>
    </message>
    <message>
        <source>The new language applies when Palomar restarts.</source>
        <translation>The new language applies when Palomar restarts.</translation>
    </message>
    <message>
        <source>Downloads folder</source>
        <translation>Downloads folder</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>Start Palomar when I log in</source>
        <translation>Start Palomar when I log in</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Theme</translation>
    </message>
    <message>
        <source>Text size</source>
        <translation>Text size</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Notifications</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Appearance</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Files</translation>
    </message>
    <message>
        <source>Save downloaded files in:</source>
        <translation>Save downloaded files in:</translation>
    </message>
    <message>
        <source>Startup</source>
        <translation>Startup</translation>
    </message>
    <message>
        <source>Cannot use %1: the folder cannot be created.</source>
        <translation>Cannot use %1: the folder cannot be created.</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::TrayNotifier</name>
    <message>
        <source>Palomar</source>
        <translation>Palomar</translation>
    </message>
    <message numerus="yes">
        <source>Palomar: %n unread message(s)</source>
        <translation>
            <numerusform>Palomar: %n unread message</numerusform>
            <numerusform>Palomar: %n unread messages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Palomar::Desktop::TypingTracker</name>
    <message>
        <source>typing…</source>
        <translation>typing…</translation>
    </message>
    <message>
        <source>%1 is typing…</source>
        <translation>%1 is typing…</translation>
    </message>
    <message>
        <source>%1 and %2 are typing…</source>
        <translation>%1 and %2 are typing…</translation>
    </message>
    <message numerus="yes">
        <source>%n people are typing…</source>
        <translation>
            <numerusform>%n person is typing…</numerusform>
            <numerusform>%n people are typing…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>Go to a chat by name</source>
        <translation>Go to a chat by name</translation>
    </message>
    <message>
        <source>Find in the open chat</source>
        <translation>Find in the open chat</translation>
    </message>
    <message>
        <source>In the find bar: older / newer match (or Up / Down)</source>
        <translation>In the find bar: older / newer match (or Up / Down)</translation>
    </message>
    <message>
        <source>Close the find bar or the switcher, clear the search</source>
        <translation>Close the find bar or the switcher, clear the search</translation>
    </message>
    <message>
        <source>Next / previous chat in the list</source>
        <translation>Next / previous chat in the list</translation>
    </message>
    <message>
        <source>Next / previous chat, round the list</source>
        <translation>Next / previous chat, round the list</translation>
    </message>
    <message>
        <source>Scroll the history while typing</source>
        <translation>Scroll the history while typing</translation>
    </message>
    <message>
        <source>Send the message</source>
        <translation>Send the message</translation>
    </message>
    <message>
        <source>New line in the message</source>
        <translation>New line in the message</translation>
    </message>
    <message>
        <source>This list of shortcuts</source>
        <translation>This list of shortcuts</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>In an empty message box: edit your last message</source>
        <translation>In an empty message box: edit your last message</translation>
    </message>
    <message>
        <source>Cancel a reply or an edit</source>
        <translation>Cancel a reply or an edit</translation>
    </message>
</context>
<context>
    <name>SystemLineText</name>
    <message>
        <source>%1 created the group</source>
        <translation>%1 created the group</translation>
    </message>
    <message>
        <source>%1 added %2</source>
        <translation>%1 added %2</translation>
    </message>
    <message>
        <source>%1 removed %2</source>
        <translation>%1 removed %2</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>%1 left</translation>
    </message>
    <message>
        <source>%1 renamed the group to “%2”</source>
        <translation>%1 renamed the group to “%2”</translation>
    </message>
    <message>
        <source>%1 made %2 the admin</source>
        <translation>%1 made %2 the admin</translation>
    </message>
    <message>
        <source>%1 changed the group</source>
        <translation>%1 changed the group</translation>
    </message>
</context>
<context>
    <name>TimeFormat</name>
    <message>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Yesterday</translation>
    </message>
    <message>
        <source>MMMM d</source>
        <comment>day separator date in the current year</comment>
        <translation>MMMM d</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <source>last seen just now</source>
        <translation>last seen just now</translation>
    </message>
    <message numerus="yes">
        <source>last seen %n minute(s) ago</source>
        <translation>
            <numerusform>last seen %n minute ago</numerusform>
            <numerusform>last seen %n minutes ago</numerusform>
        </translation>
    </message>
    <message>
        <source>last seen today at %1</source>
        <translation>last seen today at %1</translation>
    </message>
    <message>
        <source>last seen %1</source>
        <translation>last seen %1</translation>
    </message>
</context>
</TS>
