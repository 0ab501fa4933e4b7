"""SINS cases: (lesion, total, category), ids name the source."""

import pytest

from spinal_metastasis import (
    Alignment,
    BoneLesion,
    Collapse,
    Pain,
    Posterolateral,
    SpinalLesion,
    VertebralLevel,
)
from spinal_metastasis.scores.sins import SinsCategory

SINS_CASES = [
    pytest.param(
        SpinalLesion(
            levels=(VertebralLevel.T12,),
            pain=Pain.MECHANICAL,
            bone_lesion=BoneLesion.LYTIC,
            alignment=Alignment.NORMAL,
            collapse=Collapse.LESS_THAN_50_PERCENT,
            posterolateral=Posterolateral.UNILATERAL,
        ),
        11,
        SinsCategory.POTENTIALLY_UNSTABLE,
        id="worked: T12 lytic, mechanical pain, <50% collapse, unilateral (Fisher 2010, Table 1)",
    ),
    pytest.param(
        SpinalLesion(
            levels=(VertebralLevel.S3,),
            pain=Pain.PAIN_FREE,
            bone_lesion=BoneLesion.BLASTIC,
            alignment=Alignment.NORMAL,
            collapse=Collapse.NONE,
            posterolateral=Posterolateral.NONE,
        ),
        0,
        SinsCategory.STABLE,
        id="worked: minimum 0, rigid sacrum (Fisher 2010, Table 1)",
    ),
    pytest.param(
        SpinalLesion(
            levels=(VertebralLevel.L5, VertebralLevel.S1),
            pain=Pain.MECHANICAL,
            bone_lesion=BoneLesion.LYTIC,
            alignment=Alignment.SUBLUXATION_TRANSLATION,
            collapse=Collapse.AT_LEAST_50_PERCENT,
            posterolateral=Posterolateral.BILATERAL,
        ),
        18,
        SinsCategory.UNSTABLE,
        id="worked: maximum 18, lumbosacral junction (Fisher 2010, Table 1)",
    ),
    pytest.param(
        SpinalLesion(
            levels=(VertebralLevel.T6,),
            pain=Pain.MECHANICAL,
            bone_lesion=BoneLesion.LYTIC,
            alignment=Alignment.NORMAL,
            collapse=Collapse.NONE,
            posterolateral=Posterolateral.NONE,
        ),
        6,
        SinsCategory.STABLE,
        id="boundary: 6 is stable (Fourney 2011 bands)",
    ),
    pytest.param(
        SpinalLesion(
            levels=(VertebralLevel.T6,),
            pain=Pain.MECHANICAL,
            bone_lesion=BoneLesion.LYTIC,
            alignment=Alignment.NORMAL,
            collapse=Collapse.NONE_WITH_OVER_50_PERCENT_BODY_INVOLVED,
            posterolateral=Posterolateral.NONE,
        ),
        7,
        SinsCategory.POTENTIALLY_UNSTABLE,
        id="boundary: 7 is potentially unstable (Fourney 2011 bands)",
    ),
    pytest.param(
        SpinalLesion(
            levels=(VertebralLevel.C4,),
            pain=Pain.MECHANICAL,
            bone_lesion=BoneLesion.LYTIC,
            alignment=Alignment.DE_NOVO_DEFORMITY,
            collapse=Collapse.NONE_WITH_OVER_50_PERCENT_BODY_INVOLVED,
            posterolateral=Posterolateral.UNILATERAL,
        ),
        11,
        SinsCategory.POTENTIALLY_UNSTABLE,
        id="worked: mobile cervical C4 (Fisher 2010, Table 1)",
    ),
    pytest.param(
        SpinalLesion(
            levels=(VertebralLevel.L3,),
            pain=Pain.MECHANICAL,
            bone_lesion=BoneLesion.LYTIC,
            alignment=Alignment.DE_NOVO_DEFORMITY,
            collapse=Collapse.LESS_THAN_50_PERCENT,
            posterolateral=Posterolateral.UNILATERAL,
        ),
        12,
        SinsCategory.POTENTIALLY_UNSTABLE,
        id="boundary: 12 is potentially unstable (Fourney 2011 bands)",
    ),
    pytest.param(
        SpinalLesion(
            levels=(VertebralLevel.L3,),
            pain=Pain.MECHANICAL,
            bone_lesion=BoneLesion.LYTIC,
            alignment=Alignment.DE_NOVO_DEFORMITY,
            collapse=Collapse.AT_LEAST_50_PERCENT,
            posterolateral=Posterolateral.UNILATERAL,
        ),
        13,
        SinsCategory.UNSTABLE,
        id="boundary: 13 is unstable (Fourney 2011 bands)",
    ),
]
