package dev.cidrstudio.model.policy;

/** {@code resource.ParseQuantity} as a check: what the decoder of a {@code resource.Quantity} field answers. */
public final class QuantityFormat {

    private QuantityFormat() {
    }

    /** {@code ParseQuantity(text)}'s error text, or null when {@code text} is a quantity. */
    public static String parseError(String text) {
        try {
            KubeQuantity.parse(text);
            return null;
        } catch (KubeQuantity.QuantityException e) {
            return e.getMessage();
        }
    }
}
