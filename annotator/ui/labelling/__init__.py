"""What the annotator does in the workspace, one flow per module.

The workspace (`annotator.ui.window.workspace`) lays out the text and the
label panel and keeps the open article current; these flows act on it
through the small `host.Host` protocol: the keys in the text (`keys`),
editing claims (`claims`), mentions and the actor registry (`mentions`),
the article's status and the done check (`status`), finding words
(`find`), links to the compared article (`links`), and what a label is
called when the pointer rests on it (`describe`). Each changes the project
only by running an operation (`annotator.operations`) through the session.
"""
