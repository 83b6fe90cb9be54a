package mltutor.web;

/** The JSON body of every error response. */
public record ApiError(Detail error) {
    /** Status code and a message meant for the person who sent the request. */
    public record Detail(int status, String message) {
    }

    public static ApiError of(int status, String message) {
        return new ApiError(new Detail(status, message));
    }
}
