"""Built-in example patients as JSON documents (:func:`~spinal_metastasis.io.example_patient`)."""
