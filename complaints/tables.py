"""Tables of the complaints app."""

from piccolo.columns import Integer, Text, Timestamptz, Varchar
from piccolo.table import Table


class TopicCorrection(Table):
    """An officer's confirmation or correction of the classifier's topic: training feedback."""

    complaint_id = Integer(index=True)
    text = Text()
    predicted_topic = Varchar(length=40, default="")
    corrected_topic = Varchar(length=40)
    model_version = Varchar(length=80, default="")
    confidence = Integer(default=0)  # per mille
    officer_id = Integer(null=True, default=None)
    created_at = Timestamptz()
